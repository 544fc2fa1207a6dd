; Utväg per-user installer (Inno Setup 6). Built by .github/workflows/windows-build.yml
; after `python installer/build.py --no-tarball` has made dist\utvag\:
;
;   iscc /DAppVersion=0.1.0 /DNumericVersion=0.1.0 installer\windows\utvag.iss
;
; No administrator rights: installs to %LOCALAPPDATA%\Programs\Utvag, a Start-menu
; shortcut in the user's own Start menu and the uninstall entry in HKCU. Nothing is
; written outside the user's profile. Silent use (see docs/DEPLOYMENT.md):
;   UtvagSetup-<version>.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;   unins000.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/REMOVEDATA]
;
; Saved as UTF-8 with a byte-order mark: Inno Setup reads it as UTF-8 only then (Utväg).

#ifndef AppVersion
  #error Give the version from pyproject.toml: iscc /DAppVersion=x.y.z utvag.iss
#endif
#define RepoDir SourcePath + "..\..\"
#define BundleDir RepoDir + "dist\utvag"
#define HaveSwedish FileExists(CompilerPath + "Languages\Swedish.isl")

[Setup]
; Never change AppId: upgrades and the uninstall entry are found by it.
AppId={{6F2C1D0B-8E4A-4B57-9C3E-2A7F5D9B1E84}
AppName=Utväg
AppVersion={#AppVersion}
AppVerName=Utväg {#AppVersion}
AppPublisher=Utväg
#ifdef NumericVersion
VersionInfoVersion={#NumericVersion}
#endif
VersionInfoProductName=Utväg
VersionInfoProductTextVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\Utvag
DisableDirPage=yes
DefaultGroupName=Utväg
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#RepoDir}dist
OutputBaseFilename=UtvagSetup-{#AppVersion}
SetupIconFile={#RepoDir}build\icons\utvag.ico
UninstallDisplayIcon={app}\utvag.exe
UninstallDisplayName=Utväg {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ChangesAssociations=no
ChangesEnvironment=no

[Languages]
#if HaveSwedish
Name: "sv"; MessagesFile: "compiler:Languages\Swedish.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
en.RemoveDataQuestion=Also delete the vault with all case files and the settings (%LOCALAPPDATA%\Utvag)?%n%nThis cannot be undone. Choose No to keep them, e.g. for a later reinstall.
#if HaveSwedish
sv.RemoveDataQuestion=Vill du även radera valvet med alla akter och inställningarna (%LOCALAPPDATA%\Utvag)?%n%nDet går inte att ångra. Välj Nej för att behålla dem, t.ex. inför en ny installation.
#endif

[InstallDelete]
; An upgrade replaces the whole bundle, so no module of the old version is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Utväg"; Filename: "{app}\utvag.exe"; WorkingDir: "{app}"

[Run]
Filename: "{app}\utvag.exe"; Description: "{cm:LaunchProgram,Utväg}"; Flags: nowait postinstall skipifsilent

[Code]
function HasRemoveDataSwitch(): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/REMOVEDATA') = 0 then
      Result := True;
end;

{ The vault and settings live in %LOCALAPPDATA%\Utvag (not under {app}) and are kept
  unless the user says otherwise: interactively the default answer is No; silently only
  /REMOVEDATA deletes them. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := ExpandConstant('{localappdata}\Utvag');
  if not DirExists(DataDir) then
    Exit;
  if UninstallSilent then begin
    if HasRemoveDataSwitch() then
      DelTree(DataDir, True, True, True);
  end else if MsgBox(CustomMessage('RemoveDataQuestion'), mbConfirmation,
                     MB_YESNO or MB_DEFBUTTON2) = IDYES then
    DelTree(DataDir, True, True, True);
end;
