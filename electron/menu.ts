// The native menus in Vietnamese (Tệp, Sửa, Xem, Trợ giúp) with the usual shortcuts; app commands are forwarded to the
// renderer, which routes every one of them (renderer/commands.ts, MENU_ROUTES).
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../core/api/contract';

export interface MenuActions {
  /** Forwards a command to the renderer (a `menu` event). */
  send(command: MenuCommand): void;
  /** Opens the library folder in the file manager. */
  openDataFolder(): void;
  quit(): void;
  /** Development build: reload and developer tools entries. */
  dev: boolean;
}

/**
 * The menu template. Undo and redo are the report's (the renderer decides: inside a text field it undoes the typing,
 * elsewhere the last change of the report); cut, copy, paste and select all are the native roles.
 */
export function menuTemplate(a: MenuActions): MenuItemConstructorOptions[] {
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => a.send(command),
  });
  const view: MenuItemConstructorOptions[] = [
    cmd('Thư viện báo cáo', 'openLibrary', 'CmdOrCtrl+L'),
    cmd('Phiên bản của báo cáo', 'versions', 'CmdOrCtrl+H'),
    cmd('Thùng rác', 'recycle'),
    { type: 'separator' },
    { label: 'Phóng to', role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
    { label: 'Thu nhỏ', role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
    { label: 'Cỡ chữ mặc định', role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
    { type: 'separator' },
    { label: 'Toàn màn hình', role: 'togglefullscreen', accelerator: 'F11' },
  ];
  if (a.dev) {
    view.push({ type: 'separator' }, { label: 'Tải lại', role: 'reload' }, { label: 'Công cụ phát triển', role: 'toggleDevTools' });
  }
  return [
    {
      label: 'Tệp',
      submenu: [
        cmd('Báo cáo mới…', 'newReport', 'CmdOrCtrl+N'),
        cmd('Mở thư viện báo cáo', 'openLibrary', 'CmdOrCtrl+O'),
        cmd('Lưu', 'save', 'CmdOrCtrl+S'),
        { type: 'separator' },
        cmd('Nhập Excel…', 'import', 'CmdOrCtrl+I'),
        { type: 'separator' },
        cmd('Xem trước', 'preview', 'CmdOrCtrl+Shift+P'),
        cmd('Xuất PDF…', 'exportPdf', 'CmdOrCtrl+E'),
        cmd('Xuất Word…', 'exportDocx'),
        cmd('In…', 'print', 'CmdOrCtrl+P'),
        cmd('Xuất Excel…', 'exportXlsx', 'CmdOrCtrl+Shift+E'),
        { type: 'separator' },
        cmd('Sao lưu thư viện…', 'backup'),
        cmd('Khôi phục từ bản sao lưu…', 'restoreBackup'),
        { type: 'separator' },
        cmd('Cài đặt', 'settings', 'CmdOrCtrl+,'),
        { type: 'separator' },
        { label: 'Thoát', accelerator: 'CmdOrCtrl+Q', click: () => a.quit() },
      ],
    },
    {
      label: 'Sửa',
      submenu: [
        cmd('Hoàn tác', 'undo', 'CmdOrCtrl+Z'),
        cmd('Làm lại', 'redo', 'CmdOrCtrl+Y'),
        { type: 'separator' },
        { label: 'Cắt', role: 'cut', accelerator: 'CmdOrCtrl+X' },
        { label: 'Sao chép', role: 'copy', accelerator: 'CmdOrCtrl+C' },
        { label: 'Dán', role: 'paste', accelerator: 'CmdOrCtrl+V' },
        cmd('Dán bảng…', 'paste', 'CmdOrCtrl+Shift+V'),
        { type: 'separator' },
        { label: 'Chọn tất cả', role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
      ],
    },
    { label: 'Xem', submenu: view },
    {
      label: 'Trợ giúp',
      submenu: [
        { label: 'Mở thư mục dữ liệu', click: () => a.openDataFolder() },
        { type: 'separator' },
        cmd('Hướng dẫn sử dụng', 'guide', 'F1'),
        cmd('Giới thiệu Báo cáo 766', 'about'),
      ],
    },
  ];
}
