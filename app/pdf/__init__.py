"""PDF building blocks shared by the handover packet, receipts and reports:
embedded fonts, one palette and paragraph styles, tables."""
