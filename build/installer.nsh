; Installer additions for Báo cáo 766, included by electron-builder (nsis.include): refuse Windows older than 10.
; electron-builder runs makensis with -INPUTCHARSET UTF8, so the Vietnamese text below is read as UTF-8.
; x64.nsh and WinVer.nsh are already included by electron-builder's templates (common.nsh); the 64-bit check is theirs.

!macro customInit
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "Báo cáo 766 cần Windows 10 (64-bit) trở lên. Máy tính này đang dùng phiên bản Windows cũ hơn nên không cài đặt được. Hãy cài trên máy Windows 10 hoặc Windows 11."
    Quit
  ${EndIf}
!macroend
