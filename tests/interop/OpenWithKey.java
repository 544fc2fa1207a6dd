// Opens a certificate-sealed Utväg packet with Apache PDFBox (an independent
// implementation of the PDF public-key security handler) using the recipient's
// PKCS#12, and prints the page count and the text of the first page.
// Usage: java -cp <pdfbox, fontbox, commons-logging, bouncycastle jars> OpenWithKey.java PACKET P12 PASSWORD
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

public class OpenWithKey {
    public static void main(String[] args) throws Exception {
        try (InputStream keyStore = new FileInputStream(args[1]);
             PDDocument doc = PDDocument.load(new File(args[0]), args[2], keyStore, null)) {
            System.out.println("encrypted: " + doc.isEncrypted());
            System.out.println("pages: " + doc.getNumberOfPages());
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            System.out.println(stripper.getText(doc));
        }
    }
}
