// The short in-app guide (F1, Trợ giúp › Hướng dẫn sử dụng): the month's workflow, import, checks, export, backup, where data lives.

export interface GuidePart {
  id: string;
  title: string;
  paragraphs: string[];
}

export const GUIDE_TITLE = 'Hướng dẫn sử dụng';

export const GUIDE: readonly GuidePart[] = [
  {
    id: 'month',
    title: 'Mỗi tháng',
    paragraphs: [
      'Ở Thư viện báo cáo, bấm “Báo cáo mới” (Ctrl+N) và chọn tháng: báo cáo mới lấy thông tin cơ quan, danh sách đơn vị và cách trình bày của báo cáo tháng trước, chưa có số liệu.',
      'Nhập số liệu của tháng (Nhập Excel hoặc Dán bảng), sửa cho hết lỗi ở bảng Kiểm tra số liệu, ghi số và ngày văn bản ở phần Thông tin chung, rồi Xem trước và Xuất PDF.',
    ],
  },
  {
    id: 'import',
    title: 'Nhập số liệu',
    paragraphs: [
      'Nhập Excel (Ctrl+I): chọn hoặc kéo thả tệp .xlsx, .xls, .csv tải từ Hệ thống. Ứng dụng nhận ra từng bảng và từng đơn vị, cho xem các ô sẽ thay đổi (cũ → mới) trước khi bấm Áp dụng.',
      'Dán bảng (Ctrl+Shift+V): sao chép một vùng trong Excel hoặc một bảng trên trang web, chọn ô đầu tiên trong bảng của báo cáo rồi dán. Ô vừa nhập hoặc dán được tô vàng cho đến khi bấm Xác nhận.',
      'Gõ trực tiếp: chọn ô, gõ số (dấu phẩy thập phân: 97,74), Enter để lưu. Alt+↓ chọn trạng thái như “Không tổng hợp trên Hệ thống”. Mọi thay đổi đều Hoàn tác được (Ctrl+Z).',
    ],
  },
  {
    id: 'checks',
    title: 'Kiểm tra số liệu',
    paragraphs: [
      'Khung bên phải liệt kê Lỗi (đỏ) và Cảnh báo (vàng). Bấm vào một dòng để đến ô cần sửa; F8 chuyển đến lỗi tiếp theo. Số ở mỗi mục bên trái là số lỗi và cảnh báo của mục đó.',
      'Ô để trống khác với số 0: ô trống nghĩa là chưa có số liệu. Số liệu tính từ danh sách hồ sơ được ghi rõ là số tính, không thay số liệu chính thức.',
    ],
  },
  {
    id: 'export',
    title: 'Xem trước và xuất',
    paragraphs: [
      'Xem trước (Ctrl+Shift+P) cho thấy văn bản đúng như khi in. Xuất PDF (Ctrl+E) ghi bản dự thảo (chưa có số, ngày) hoặc bản chính thức; bản chính thức cần số văn bản và ngày ký. In (Ctrl+P) in văn bản qua hộp thoại in của máy.',
      'Xuất Word (Tệp › Xuất Word…, hoặc nút Xuất Word trong Xem trước) ghi văn bản .docx cùng thể thức để sửa câu chữ trước khi ký. Xuất Excel (Ctrl+Shift+E) ghi bảng tổng hợp và từng bảng đơn vị để gửi hoặc lưu trữ.',
    ],
  },
  {
    id: 'backup',
    title: 'Lưu và sao lưu',
    paragraphs: [
      'Báo cáo được lưu tự động sau mỗi lần sửa (“Đã lưu lúc …” ở dòng trạng thái); Ctrl+S lưu ngay. Mỗi lần nhập và khôi phục đều giữ lại một phiên bản (Xem › Phiên bản của báo cáo, Ctrl+H).',
      'Báo cáo xóa đi nằm trong Thùng rác và khôi phục được. Tệp › Sao lưu thư viện chép toàn bộ báo cáo sang một thư mục khác (ví dụ USB); Khôi phục từ bản sao lưu lấy lại từ đó.',
    ],
  },
  {
    id: 'data',
    title: 'Dữ liệu nằm ở đâu',
    paragraphs: [
      'Mọi báo cáo nằm trong thư mục thư viện trên máy này (Trợ giúp › Mở thư mục dữ liệu), không gửi đi đâu. Tệp PDF và Excel xuất ra nằm ở thư mục bạn chọn (mặc định: Tài liệu/Documents).',
    ],
  },
];

export const ABOUT = {
  title: 'Giới thiệu Báo cáo 766',
  text: 'Ứng dụng soạn báo cáo hằng tháng về Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg): nhập số liệu, kiểm tra, xuất văn bản PDF theo Nghị định 30/2020 và tệp Excel. Chạy hoàn toàn trên máy, không cần mạng.',
  version: (v: string) => `Phiên bản ${v}`,
  folder: 'Thư mục dữ liệu:',
};
