; Installateur Windows de Suivi CESP, compilé sous Linux par makensis (paquet Debian nsis) :
;   makensis -DVERSION=0.1.0 -DSOURCE=<dossier des .exe> -DICON=<icône> -DOUTFILE=<setup.exe> installateur.nsi
;
; Not Tauri's own NSIS bundle: its template needs a plugin DLL (nsis_tauri_utils) that the
; bundler downloads from GitHub at build time and checks by hash, which a build machine
; without that access cannot get. This script uses only what Debian's NSIS ships.
;
; Per machine (Program Files, for every account of the laptop), as the agencies' IT
; departments deploy software; silent with /S. The registers are not here: each user's live
; in %LOCALAPPDATA%\suivi-cesp, which the uninstaller never touches.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!macro Required NAME
  !ifndef ${NAME}
    !error "Définir ${NAME} (voir l'en-tête)."
  !endif
!macroend
!insertmacro Required VERSION
!insertmacro Required SOURCE
!insertmacro Required ICON
!insertmacro Required OUTFILE

!define PRODUCT "Suivi CESP"
!define PUBLISHER "Équipe Suivi CESP"
!define EXE "suivi-cesp.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\SuiviCESP"
; Microsoft Edge WebView2 Runtime: the window's engine. Its client key, per machine then per user.
!define WEBVIEW2_KEY "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_USER_KEY "Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

!include "MUI2.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1036 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1036 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation de ${PRODUCT}"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "© 2026 ${PUBLISHER} — EUPL-1.2"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "Cet assistant installe ${PRODUCT} ${VERSION}, l'application des référents CESP des agences régionales de santé, pour tous les comptes de cet ordinateur.$\r$\n$\r$\nLes données restent sur le poste : chaque utilisateur a son registre dans son dossier AppData\Local\suivi-cesp."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Ouvrir ${PRODUCT}"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "${PRODUCT} va être retiré de cet ordinateur. Les registres et leurs sauvegardes (dossier AppData\Local\suivi-cesp de chaque utilisateur) sont conservés."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "French"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${PRODUCT} demande une version 64 bits de Windows." /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

; A running application keeps its .exe from being replaced or deleted: said plainly, with
; a way to retry, rather than NSIS's generic "cannot write" halfway through the copy.
!macro CheckNotRunning UN
Function ${UN}CheckNotRunning
  retry:
  ClearErrors
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    Delete "$INSTDIR\${EXE}"
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${PRODUCT} est ouvert sur cet ordinateur : fermez toutes ses fenêtres puis cliquez sur Réessayer." /SD IDCANCEL IDRETRY retry
      SetErrorLevel 3
      Abort "${PRODUCT} est ouvert : rien n'a été modifié."
    ${EndIf}
  ${EndIf}
FunctionEnd
!macroend
!insertmacro CheckNotRunning ""
!insertmacro CheckNotRunning "un."

Section "${PRODUCT}" SecMain
  SectionIn RO
  Call CheckNotRunning
  SetOutPath "$INSTDIR"
  File "${SOURCE}\${EXE}"
  File "${SOURCE}\cesp.exe"
  File "${SOURCE}\WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Shortcuts for every account of the machine.
  SetShellVarContext all
  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "Suivi des signataires du CESP"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  ; "Applications installées" (Paramètres) and silent removal by the IT department.
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0

  ; The window needs the WebView2 Runtime (in Windows 11, and in Windows 10 kept up to
  ; date). Without it the installation still completes — the command line works, and the
  ; IT department may deploy the runtime afterwards — but the user is told.
  ReadRegStr $0 HKLM "${WEBVIEW2_KEY}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "${WEBVIEW2_USER_KEY}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    DetailPrint "Microsoft Edge WebView2 Runtime absent : la fenêtre ne s'ouvrira qu'une fois installé."
    MessageBox MB_ICONEXCLAMATION "La fenêtre de ${PRODUCT} a besoin de Microsoft Edge WebView2 Runtime, absent de cet ordinateur. Votre service informatique peut l'installer (version « Evergreen ») ; la ligne de commande cesp.exe fonctionne sans lui." /SD IDOK
  ${Else}
    DetailPrint "Microsoft Edge WebView2 Runtime $0 présent."
  ${EndIf}
SectionEnd

Section "Uninstall"
  Call un.CheckNotRunning
  Delete "$INSTDIR\cesp.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  SetShellVarContext all
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  ; Nothing under %LOCALAPPDATA%\suivi-cesp: the registers stay.
SectionEnd
