/**
 * The error taxonomy shared by workflows, activities and the API: a stable English code, the HTTP status
 * the API answers with, and the Vietnamese message shown to people.
 */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_JSON = 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN_ACTOR = 'FORBIDDEN_ACTOR',
  NOT_LEADER = 'NOT_LEADER',
  NOT_MEMBER = 'NOT_MEMBER',
  WRONG_PHASE = 'WRONG_PHASE',
  WRONG_STATE = 'WRONG_STATE',
  ALREADY_SIGNED = 'ALREADY_SIGNED',
  ALREADY_VOTED = 'ALREADY_VOTED',
  ALREADY_DECIDED = 'ALREADY_DECIDED',
  SCORE_OUT_OF_RANGE = 'SCORE_OUT_OF_RANGE',
  UNKNOWN_CRITERION = 'UNKNOWN_CRITERION',
  MISSING_CRITERION = 'MISSING_CRITERION',
  EVIDENCE_REQUIRED = 'EVIDENCE_REQUIRED',
  REASON_REQUIRED = 'REASON_REQUIRED',
  DATE_OUT_OF_ORDER = 'DATE_OUT_OF_ORDER',
  DEADLINE_IN_PAST = 'DEADLINE_IN_PAST',
  QUORUM_NOT_MET = 'QUORUM_NOT_MET',
  NOT_PRESENT = 'NOT_PRESENT',
  INVALID_CANDIDATE = 'INVALID_CANDIDATE',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  TOO_MANY_CHOICES = 'TOO_MANY_CHOICES',
  AWARD_DISABLED = 'AWARD_DISABLED',
  ELECTION_UNDECIDED = 'ELECTION_UNDECIDED',
  TIE_DECISION_MISMATCH = 'TIE_DECISION_MISMATCH',
  SELF_VOTE_NOT_ALLOWED = 'SELF_VOTE_NOT_ALLOWED',
  GOVERNMENT_FLAG_QUOTA_EXCEEDED = 'GOVERNMENT_FLAG_QUOTA_EXCEEDED',
  GOVERNMENT_FLAG_REQUIRES_PROVINCIAL_FLAG = 'GOVERNMENT_FLAG_REQUIRES_PROVINCIAL_FLAG',
  BALLOT_BOX_MISMATCH = 'BALLOT_BOX_MISMATCH',
  BALLOT_KEY_INVALID = 'BALLOT_KEY_INVALID',
  REQUEST_ID_REUSED = 'REQUEST_ID_REUSED',
  BALLOT_RESTARTED = 'BALLOT_RESTARTED',
  DEADLINE_NOT_REACHED = 'DEADLINE_NOT_REACHED',
  MISSING_ACHIEVEMENT_REPORT = 'MISSING_ACHIEVEMENT_REPORT',
  UNKNOWN_NOMINEE = 'UNKNOWN_NOMINEE',
  COUNCIL_QUORUM_NOT_MET = 'COUNCIL_QUORUM_NOT_MET',
  NO_RULE_SET_IN_FORCE = 'NO_RULE_SET_IN_FORCE',
  CYCLE_NOT_FOUND = 'CYCLE_NOT_FOUND',
  CYCLE_ALREADY_EXISTS = 'CYCLE_ALREADY_EXISTS',
  BLOC_NOT_FOUND = 'BLOC_NOT_FOUND',
  NO_LEADERSHIP = 'NO_LEADERSHIP',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  PROVINCE_NOT_FOUND = 'PROVINCE_NOT_FOUND',
  RULE_SET_INVALID = 'RULE_SET_INVALID',
  RULE_SET_EXISTS = 'RULE_SET_EXISTS',
  RULE_SET_CHANGED = 'RULE_SET_CHANGED',
  RULE_SET_NOT_FOUND = 'RULE_SET_NOT_FOUND',
  CONDITION_NOT_FOUND = 'CONDITION_NOT_FOUND',
  CONDITION_ALREADY_RESOLVED = 'CONDITION_ALREADY_RESOLVED',
  REQUEST_IN_PROGRESS = 'REQUEST_IN_PROGRESS',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  LOGIN_THROTTLED = 'LOGIN_THROTTLED',
  TOO_MANY_LOGIN_ATTEMPTS = 'TOO_MANY_LOGIN_ATTEMPTS',
  INVALID_REFRESH_TOKEN = 'INVALID_REFRESH_TOKEN',
  SESSION_EXPIRED = 'SESSION_EXPIRED',
  TOO_MANY_ITEMS = 'TOO_MANY_ITEMS',
  NO_ROLE = 'NO_ROLE',
  ROLE_SELECTION_REQUIRED = 'ROLE_SELECTION_REQUIRED',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  USER_EXISTS = 'USER_EXISTS',
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  ROLE_ASSIGNMENT_NOT_FOUND = 'ROLE_ASSIGNMENT_NOT_FOUND',
  WEAK_PASSWORD = 'WEAK_PASSWORD',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
  APPROVAL_CHAIN_INVALID = 'APPROVAL_CHAIN_INVALID',
  APPROVAL_CHAIN_NOT_FOUND = 'APPROVAL_CHAIN_NOT_FOUND',
  DELEGATION_NOT_FOUND = 'DELEGATION_NOT_FOUND',
  APPROVAL_ITEM_NOT_FOUND = 'APPROVAL_ITEM_NOT_FOUND',
  APPROVAL_LEVEL_NOT_FOUND = 'APPROVAL_LEVEL_NOT_FOUND',
  NOT_ASSIGNED = 'NOT_ASSIGNED',
  FOUR_EYES = 'FOUR_EYES',
  RECUSED = 'RECUSED',
  TASK_ALREADY_DECIDED = 'TASK_ALREADY_DECIDED',
  WITHDRAW_TOO_LATE = 'WITHDRAW_TOO_LATE',
  NOT_SUBMITTER = 'NOT_SUBMITTER',
  ALREADY_ASSIGNED = 'ALREADY_ASSIGNED',
  CHAIN_START_FORBIDDEN = 'CHAIN_START_FORBIDDEN',
  TOO_MANY_CHAIN_STARTS = 'TOO_MANY_CHAIN_STARTS',
  DELEGATE_NOT_ELIGIBLE = 'DELEGATE_NOT_ELIGIBLE',
  GRANT_IN_THE_PAST = 'GRANT_IN_THE_PAST',
  GRANT_SELF_APPROVAL = 'GRANT_SELF_APPROVAL',
  ROLE_GRANT_NOT_FOUND = 'ROLE_GRANT_NOT_FOUND',
  ROLE_GRANT_NOT_PENDING = 'ROLE_GRANT_NOT_PENDING',
  UNSIGNED_COMMAND = 'UNSIGNED_COMMAND',
  ORGANISATION_INVALID = 'ORGANISATION_INVALID',
  PROVINCE_EXISTS = 'PROVINCE_EXISTS',
  BLOC_EXISTS = 'BLOC_EXISTS',
  UNIT_EXISTS = 'UNIT_EXISTS',
  UNIT_IN_TWO_BLOCS = 'UNIT_IN_TWO_BLOCS',
  MEMBERSHIP_NOT_FOUND = 'MEMBERSHIP_NOT_FOUND',
  ALREADY_ENDED = 'ALREADY_ENDED',
  LEADERSHIP_ALREADY_DECIDED = 'LEADERSHIP_ALREADY_DECIDED',
  WORKBOOK_FILE_MISSING = 'WORKBOOK_FILE_MISSING',
  WORKBOOK_TOO_LARGE = 'WORKBOOK_TOO_LARGE',
  WORKBOOK_NOT_XLSX = 'WORKBOOK_NOT_XLSX',
  WORKBOOK_ENCRYPTED = 'WORKBOOK_ENCRYPTED',
  WORKBOOK_CORRUPT = 'WORKBOOK_CORRUPT',
  WORKBOOK_PREVIEW_NOT_FOUND = 'WORKBOOK_PREVIEW_NOT_FOUND',
  WORKBOOK_PREVIEW_USED = 'WORKBOOK_PREVIEW_USED',
  WORKBOOK_PREVIEW_EXPIRED = 'WORKBOOK_PREVIEW_EXPIRED',
  WORKBOOK_HAS_PROBLEMS = 'WORKBOOK_HAS_PROBLEMS',
  WORKBOOK_STALE = 'WORKBOOK_STALE',
  INVITATION_INVALID = 'INVITATION_INVALID',
}

export interface ErrorSpec {
  status: number;
  messageVi: string;
}

/** Exhaustive by construction: adding a code without its status and message does not compile. */
export const ERROR_SPECS: Record<ErrorCode, ErrorSpec> = {
  [ErrorCode.VALIDATION_FAILED]: { status: 400, messageVi: 'Dữ liệu gửi lên không hợp lệ.' },
  [ErrorCode.MALFORMED_JSON]: { status: 400, messageVi: 'Nội dung gửi lên không phải JSON hợp lệ.' },
  [ErrorCode.PAYLOAD_TOO_LARGE]: { status: 413, messageVi: 'Dữ liệu gửi lên vượt quá dung lượng cho phép.' },
  [ErrorCode.ROUTE_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy địa chỉ yêu cầu.' },
  [ErrorCode.UNAUTHENTICATED]: { status: 401, messageVi: 'Chưa xác định được người thực hiện.' },
  [ErrorCode.FORBIDDEN_ACTOR]: { status: 403, messageVi: 'Người dùng không có quyền thực hiện thao tác này.' },
  [ErrorCode.NOT_LEADER]: { status: 403, messageVi: 'Chỉ Trưởng khối mới được thực hiện thao tác này.' },
  [ErrorCode.NOT_MEMBER]: { status: 403, messageVi: 'Đơn vị không phải thành viên của khối thi đua.' },
  [ErrorCode.WRONG_PHASE]: { status: 409, messageVi: 'Thao tác không phù hợp với giai đoạn hiện tại của chu kỳ thi đua.' },
  [ErrorCode.WRONG_STATE]: { status: 409, messageVi: 'Thao tác không phù hợp với trạng thái hiện tại của hồ sơ.' },
  [ErrorCode.ALREADY_SIGNED]: { status: 409, messageVi: 'Đơn vị đã ký giao ước thi đua.' },
  [ErrorCode.ALREADY_VOTED]: { status: 409, messageVi: 'Đơn vị đã bỏ phiếu.' },
  [ErrorCode.ALREADY_DECIDED]: { status: 409, messageVi: 'Đề nghị này đã có quyết định.' },
  [ErrorCode.SCORE_OUT_OF_RANGE]: { status: 422, messageVi: 'Điểm chấm nằm ngoài khoảng cho phép của tiêu chí.' },
  [ErrorCode.UNKNOWN_CRITERION]: { status: 422, messageVi: 'Tiêu chí không có trong bảng tiêu chí của khối.' },
  [ErrorCode.MISSING_CRITERION]: { status: 422, messageVi: 'Chưa chấm điểm đủ các tiêu chí.' },
  [ErrorCode.EVIDENCE_REQUIRED]: { status: 422, messageVi: 'Tiêu chí này bắt buộc có tài liệu minh chứng.' },
  [ErrorCode.REASON_REQUIRED]: { status: 422, messageVi: 'Phải nêu rõ lý do.' },
  [ErrorCode.DEADLINE_IN_PAST]: {
    status: 422,
    messageVi:
      'Thời hạn đã qua: thời hạn của một năm thi đua đang diễn ra phải ở phía trước; năm đã qua thì nhập ở chế độ ghi nhận (RECORD).',
  },
  [ErrorCode.DATE_OUT_OF_ORDER]: {
    status: 422,
    messageVi: 'Ngày tháng không đúng trình tự: một bước không thể diễn ra trước bước mà nó phụ thuộc.',
  },
  [ErrorCode.QUORUM_NOT_MET]: { status: 422, messageVi: 'Hội nghị không đủ số đơn vị tham dự theo quy định.' },
  [ErrorCode.NOT_PRESENT]: { status: 403, messageVi: 'Đơn vị không có mặt tại hội nghị nên không được bỏ phiếu.' },
  [ErrorCode.INVALID_CANDIDATE]: { status: 422, messageVi: 'Đơn vị được đề cử không hợp lệ.' },
  [ErrorCode.NOT_ELIGIBLE]: {
    status: 422,
    messageVi:
      'Đơn vị không đủ điều kiện được đề nghị khen thưởng (đang bị tạm dừng, kỷ luật, có tên trong danh sách vi phạm hoặc chưa đạt xếp loại).',
  },
  [ErrorCode.TOO_MANY_CHOICES]: { status: 422, messageVi: 'Số đơn vị được chọn vượt quá số lượng khen thưởng tối đa.' },
  [ErrorCode.AWARD_DISABLED]: { status: 422, messageVi: 'Hình thức khen thưởng này không áp dụng cho khối.' },
  [ErrorCode.ELECTION_UNDECIDED]: { status: 409, messageVi: 'Chưa bầu được Trưởng khối hoặc Phó khối cho năm sau.' },
  [ErrorCode.GOVERNMENT_FLAG_REQUIRES_PROVINCIAL_FLAG]: {
    status: 422,
    messageVi:
      'Đơn vị được đề cử Cờ thi đua của Chính phủ phải đồng thời được đề cử Cờ thi đua của UBND tỉnh (đơn vị dẫn đầu khối, cụm) theo quy định đang áp dụng.',
  },
  [ErrorCode.GOVERNMENT_FLAG_QUOTA_EXCEEDED]: {
    status: 422,
    messageVi:
      'Vượt tỷ lệ đề nghị Cờ thi đua của Chính phủ (không quá 20% số đơn vị dẫn đầu cụm, khối); cần nêu rõ căn cứ đề nghị vượt tỷ lệ.',
  },
  [ErrorCode.SELF_VOTE_NOT_ALLOWED]: { status: 422, messageVi: 'Theo quy chế của tỉnh, đơn vị không được tự bỏ phiếu cho mình.' },
  [ErrorCode.BALLOT_BOX_MISMATCH]: {
    status: 409,
    messageVi: 'Số phiếu trong hòm phiếu không khớp với số đơn vị đã bỏ phiếu; cần kiểm tra trước khi kiểm phiếu.',
  },
  [ErrorCode.BALLOT_KEY_INVALID]: {
    status: 400,
    messageVi: 'Khóa kiểm phiếu không đúng hoặc không hợp lệ; chưa kiểm phiếu, không có gì được ghi nhận.',
  },
  [ErrorCode.REQUEST_ID_REUSED]: {
    status: 409,
    messageVi: 'Mã yêu cầu này đã được dùng để gửi một phiếu bầu khác; phiếu đã gửi trước đó được giữ nguyên.',
  },
  [ErrorCode.BALLOT_RESTARTED]: {
    status: 409,
    messageVi: 'Vòng bỏ phiếu đã được tổ chức lại sau khi đơn vị bỏ phiếu; phiếu cũ đã bị hủy, đề nghị bỏ phiếu lại.',
  },
  [ErrorCode.TIE_DECISION_MISMATCH]: {
    status: 409,
    messageVi: 'Phó khối phải xác nhận đúng lựa chọn Trưởng khối đã đề xuất.',
  },
  [ErrorCode.DEADLINE_NOT_REACHED]: { status: 409, messageVi: 'Chưa hết hạn nên chưa thể kết thúc giai đoạn.' },
  [ErrorCode.MISSING_ACHIEVEMENT_REPORT]: { status: 422, messageVi: 'Thiếu báo cáo thành tích của đơn vị được đề nghị.' },
  [ErrorCode.UNKNOWN_NOMINEE]: { status: 422, messageVi: 'Không có đề nghị khen thưởng này trong hồ sơ.' },
  [ErrorCode.COUNCIL_QUORUM_NOT_MET]: { status: 422, messageVi: 'Phiên họp Hội đồng không đủ số thành viên theo quy định.' },
  [ErrorCode.NO_RULE_SET_IN_FORCE]: { status: 422, messageVi: 'Không có bộ quy tắc thi đua nào có hiệu lực vào ngày này.' },
  [ErrorCode.CYCLE_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy chu kỳ thi đua.' },
  [ErrorCode.CYCLE_ALREADY_EXISTS]: { status: 409, messageVi: 'Chu kỳ thi đua của khối trong năm này đã được khởi tạo.' },
  [ErrorCode.BLOC_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy khối thi đua.' },
  [ErrorCode.NO_LEADERSHIP]: { status: 422, messageVi: 'Khối chưa có Trưởng khối và Phó khối cho năm này.' },
  [ErrorCode.UNIT_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy đơn vị.' },
  [ErrorCode.PROVINCE_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy tỉnh.' },
  [ErrorCode.RULE_SET_INVALID]: {
    status: 422,
    messageVi: 'Bộ quy tắc thi đua không hợp lệ; xem các trường được nêu trong phần chi tiết.',
  },
  [ErrorCode.RULE_SET_EXISTS]: { status: 409, messageVi: 'Tỉnh đã có bộ quy tắc thi đua với phiên bản này.' },
  [ErrorCode.RULE_SET_CHANGED]: {
    status: 409,
    messageVi: 'Bộ quy tắc đã được người khác sửa sau khi bạn mở nó; hãy tải lại và sửa trên bản mới nhất.',
  },
  [ErrorCode.RULE_SET_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy bộ quy tắc thi đua.' },
  [ErrorCode.CONDITION_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy vụ việc đã ghi nhận đối với đơn vị.' },
  [ErrorCode.CONDITION_ALREADY_RESOLVED]: { status: 409, messageVi: 'Vụ việc này đã được ghi nhận kết thúc.' },
  [ErrorCode.REQUEST_IN_PROGRESS]: {
    status: 202,
    messageVi:
      'Yêu cầu đang được xử lý; vui lòng gửi lại yêu cầu với cùng mã yêu cầu (x-request-id) sau ít giây để nhận kết quả.',
  },
  [ErrorCode.INVALID_CREDENTIALS]: { status: 401, messageVi: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
  [ErrorCode.LOGIN_THROTTLED]: {
    status: 429,
    messageVi: 'Đăng nhập sai nhiều lần; vui lòng chờ rồi thử lại.',
  },
  [ErrorCode.TOO_MANY_LOGIN_ATTEMPTS]: {
    status: 429,
    messageVi: 'Quá nhiều lần đăng nhập từ địa chỉ này; vui lòng thử lại sau.',
  },
  [ErrorCode.INVALID_REFRESH_TOKEN]: {
    status: 401,
    messageVi: 'Phiên đăng nhập đã hết hạn hoặc đã đăng xuất; vui lòng đăng nhập lại.',
  },
  [ErrorCode.SESSION_EXPIRED]: {
    status: 401,
    messageVi: 'Phiên đăng nhập đã quá thời gian tối đa cho phép; vui lòng đăng nhập lại.',
  },
  [ErrorCode.TOO_MANY_ITEMS]: { status: 400, messageVi: 'Yêu cầu có quá nhiều mục; vui lòng chia thành nhiều lần.' },
  [ErrorCode.NO_ROLE]: { status: 403, messageVi: 'Tài khoản chưa được giao vai trò nào còn hiệu lực.' },
  [ErrorCode.ROLE_SELECTION_REQUIRED]: {
    status: 400,
    messageVi: 'Tài khoản có nhiều vai trò; vui lòng chọn vai trò thực hiện thao tác.',
  },
  [ErrorCode.OUT_OF_SCOPE]: { status: 403, messageVi: 'Vai trò của người dùng không thuộc phạm vi tỉnh, khối hoặc đơn vị này.' },
  [ErrorCode.USER_EXISTS]: { status: 409, messageVi: 'Tên đăng nhập đã được sử dụng.' },
  [ErrorCode.USER_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy người dùng.' },
  [ErrorCode.ROLE_ASSIGNMENT_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy vai trò được giao.' },
  [ErrorCode.WEAK_PASSWORD]: {
    status: 422,
    messageVi: 'Mật khẩu quá yếu: cần ít nhất 10 ký tự, có chữ và số, không dễ đoán và không dựa trên tên đăng nhập.',
  },
  [ErrorCode.SERVICE_UNAVAILABLE]: {
    status: 503,
    messageVi: 'Hệ thống tạm thời gián đoạn (cơ sở dữ liệu hoặc hệ thống xử lý quy trình không phản hồi); vui lòng thử lại sau.',
  },
  [ErrorCode.INTERNAL_ERROR]: { status: 500, messageVi: 'Lỗi hệ thống.' },
  [ErrorCode.APPROVAL_CHAIN_INVALID]: {
    status: 422,
    messageVi: 'Quy trình phê duyệt không hợp lệ; xem các trường được nêu trong phần chi tiết.',
  },
  [ErrorCode.APPROVAL_CHAIN_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy quy trình phê duyệt.' },
  [ErrorCode.DELEGATION_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy ủy quyền.' },
  [ErrorCode.APPROVAL_ITEM_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy nội dung cần phê duyệt trong hồ sơ.' },
  [ErrorCode.APPROVAL_LEVEL_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy cấp phê duyệt trong quy trình.' },
  [ErrorCode.NOT_ASSIGNED]: {
    status: 403,
    messageVi: 'Người dùng không được giao xử lý nội dung này ở cấp phê duyệt hiện tại.',
  },
  [ErrorCode.FOUR_EYES]: {
    status: 403,
    messageVi: 'Người trình hồ sơ (kể cả người được ủy quyền thay) không được tự phê duyệt, từ chối hay trả lại hồ sơ của mình.',
  },
  [ErrorCode.RECUSED]: {
    status: 403,
    messageVi:
      'Người có liên quan đến đối tượng được đề nghị (chính là người được đề nghị hoặc cùng đơn vị) không được quyết định nội dung này.',
  },
  [ErrorCode.TASK_ALREADY_DECIDED]: { status: 409, messageVi: 'Nội dung này đã được người khác xử lý trước.' },
  [ErrorCode.WITHDRAW_TOO_LATE]: {
    status: 409,
    messageVi: 'Không thể rút hồ sơ vì cấp phê duyệt hiện tại đã cho ý kiến.',
  },
  [ErrorCode.NOT_SUBMITTER]: { status: 403, messageVi: 'Chỉ người trình hồ sơ mới được thực hiện thao tác này.' },
  [ErrorCode.ALREADY_ASSIGNED]: { status: 409, messageVi: 'Người này đã được giao xử lý ở cấp phê duyệt này.' },
  [ErrorCode.CHAIN_START_FORBIDDEN]: {
    status: 403,
    messageVi:
      'Vai trò hiện tại không được khởi tạo quy trình phê duyệt này (hoặc quy trình có cấp vượt thẩm quyền người trình).',
  },
  [ErrorCode.TOO_MANY_CHAIN_STARTS]: {
    status: 429,
    messageVi: 'Khởi tạo quá nhiều quy trình phê duyệt trong một phút. Vui lòng thử lại sau.',
  },
  [ErrorCode.DELEGATE_NOT_ELIGIBLE]: {
    status: 403,
    messageVi:
      'Người được ủy quyền không đủ điều kiện: phải đang giữ vai trò có thẩm quyền tương ứng (cùng tỉnh, hoặc cùng đơn vị đối với vai trò của đơn vị).',
  },
  [ErrorCode.GRANT_IN_THE_PAST]: { status: 422, messageVi: 'Không được giao vai trò có hiệu lực từ một ngày trong quá khứ.' },
  [ErrorCode.GRANT_SELF_APPROVAL]: {
    status: 403,
    messageVi: 'Không được tự phê duyệt đề xuất giao vai trò của mình hoặc đề xuất giao vai trò cho chính mình.',
  },
  [ErrorCode.ROLE_GRANT_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy đề xuất giao vai trò.' },
  [ErrorCode.ROLE_GRANT_NOT_PENDING]: { status: 409, messageVi: 'Đề xuất giao vai trò này đã được xử lý.' },
  [ErrorCode.UNSIGNED_COMMAND]: {
    status: 403,
    messageVi: 'Lệnh không có chữ ký hợp lệ của hệ thống; yêu cầu bị từ chối.',
  },
  [ErrorCode.ORGANISATION_INVALID]: {
    status: 422,
    messageVi: 'Dữ liệu tổ chức (tỉnh, khối, cụm, đơn vị, thành viên khối) không hợp lệ; xem từng trường được nêu.',
  },
  [ErrorCode.PROVINCE_EXISTS]: { status: 409, messageVi: 'Mã tỉnh đã được sử dụng.' },
  [ErrorCode.BLOC_EXISTS]: { status: 409, messageVi: 'Tỉnh đã có khối, cụm thi đua với mã này.' },
  [ErrorCode.UNIT_EXISTS]: { status: 409, messageVi: 'Mã đơn vị đã được sử dụng.' },
  [ErrorCode.UNIT_IN_TWO_BLOCS]: {
    status: 409,
    messageVi: 'Một đơn vị chỉ thuộc một khối, cụm thi đua vào mỗi ngày; khoảng thời gian này trùng với một lần tham gia khác.',
  },
  [ErrorCode.MEMBERSHIP_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy lần tham gia khối thi đua của đơn vị.' },
  [ErrorCode.ALREADY_ENDED]: { status: 409, messageVi: 'Bản ghi này đã kết thúc trước đó.' },
  [ErrorCode.LEADERSHIP_ALREADY_DECIDED]: {
    status: 409,
    messageVi: 'Trưởng khối, Phó khối của năm này đã được bầu hoặc chu kỳ thi đua của năm đã bắt đầu; không thể đặt lại.',
  },
  [ErrorCode.WORKBOOK_FILE_MISSING]: { status: 400, messageVi: 'Chưa gửi tệp Excel (trường "file" của biểu mẫu).' },
  [ErrorCode.WORKBOOK_TOO_LARGE]: {
    status: 413,
    messageVi: 'Tệp Excel vượt quá dung lượng cho phép (10 MB, hoặc 256 MB khi giải nén).',
  },
  [ErrorCode.WORKBOOK_NOT_XLSX]: {
    status: 400,
    messageVi: 'Tệp không phải là sổ tính Excel .xlsx; hãy lưu tệp dưới dạng Excel Workbook (.xlsx).',
  },
  [ErrorCode.WORKBOOK_ENCRYPTED]: {
    status: 400,
    messageVi: 'Tệp Excel được đặt mật khẩu; hãy bỏ mật khẩu rồi gửi lại.',
  },
  [ErrorCode.WORKBOOK_CORRUPT]: { status: 400, messageVi: 'Tệp Excel bị hỏng hoặc không đọc được.' },
  [ErrorCode.WORKBOOK_PREVIEW_NOT_FOUND]: { status: 404, messageVi: 'Không tìm thấy bản xem trước của tệp nhập.' },
  [ErrorCode.WORKBOOK_PREVIEW_USED]: { status: 409, messageVi: 'Bản xem trước này đã được áp dụng.' },
  [ErrorCode.WORKBOOK_PREVIEW_EXPIRED]: {
    status: 409,
    messageVi: 'Bản xem trước đã hết hạn; hãy tải tệp lên để xem trước lại.',
  },
  [ErrorCode.WORKBOOK_HAS_PROBLEMS]: {
    status: 422,
    messageVi: 'Tệp còn lỗi; hãy sửa các lỗi trong bản xem trước rồi tải lên lại. Không có gì được ghi.',
  },
  [ErrorCode.WORKBOOK_STALE]: {
    status: 409,
    messageVi: 'Dữ liệu đã thay đổi sau khi xem trước; hãy xem trước lại trước khi áp dụng. Không có gì được ghi.',
  },
  [ErrorCode.INVITATION_INVALID]: {
    status: 400,
    messageVi: 'Liên kết kích hoạt không hợp lệ, đã dùng hoặc đã hết hạn; hãy đề nghị quản trị viên cấp lại.',
  },
};

/** Details carried by a refusal: `detail` names the field, unit or value at fault, in English. */
export interface RefusalDetails {
  detail?: string;
  messageVi?: string;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in ERROR_SPECS;
}
