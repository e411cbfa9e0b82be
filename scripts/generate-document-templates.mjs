// Writes the default document templates (templates/documents/*.docx) in the layout of Nghị định 30/2020/NĐ-CP
// (Phụ lục I): Times New Roman, margins top/bottom 20 mm, left 30 mm, right 15 mm; the header table with the issuing
// body and số/ký hiệu on the left and quốc hiệu, tiêu ngữ, place and date on the right; the document's kind and subject
// centred; the body; nơi nhận on the left and the signature block on the right. Placeholders are docxtemplater tags
// ({name}, {#loop}…{/loop}); each is written as one run, so Word keeps it whole until a clerk edits it.
// Run: `node scripts/generate-document-templates.mjs` (the .docx files are committed; regenerate after editing here).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'templates/documents');

const MM = 56.7; // twips per millimetre
const FONT = 'Times New Roman';
const BODY = 28; // 14 pt, in half-points
const SMALL = 24; // 12 pt: nơi nhận, table cells
const HEAD = 26; // 13 pt: the header lines

const noBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

const run = (text, o = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: o.size ?? BODY,
    bold: o.bold,
    italics: o.italics,
    underline: o.underline ? {} : undefined,
  });

/** A paragraph of runs: strings, or [text, options] pairs. */
function p(parts, o = {}) {
  const runs = (Array.isArray(parts) ? parts : [parts]).map((x) =>
    typeof x === 'string' ? run(x, o) : run(x[0], { ...o, ...x[1] }),
  );
  return new Paragraph({
    children: runs,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: o.before ?? 0, after: o.after ?? 60, line: o.line ?? 276 },
    indent: o.indent ? { firstLine: Math.round(12.7 * MM) } : undefined,
  });
}
const centre = (parts, o = {}) => p(parts, { ...o, align: AlignmentType.CENTER });
const body = (parts, o = {}) => p(parts, { indent: true, after: 120, ...o });

function cell(children, widthPct, o = {}) {
  return new TableCell({
    children,
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    verticalAlign: o.vAlign ?? VerticalAlign.TOP,
    borders: o.borders,
  });
}

/** Quốc hiệu, tiêu ngữ, issuing body, số/ký hiệu, place and date (NĐ 30/2020 Phụ lục I, ô 1-4). */
function header() {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              centre('{issuerParent}', { size: HEAD }),
              centre('{issuerName}', { size: HEAD, bold: true }),
              centre('———', { size: HEAD, after: 120 }),
              centre('Số: {number}', { size: HEAD }),
            ],
            38,
          ),
          cell(
            [
              centre('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: HEAD, bold: true }),
              centre([['Độc lập - Tự do - Hạnh phúc', { underline: true }]], { size: BODY, bold: true }),
              centre('', { size: HEAD }),
              centre('{placeDate}', { size: BODY, italics: true }),
            ],
            62,
          ),
        ],
      }),
    ],
  });
}

/** The kind of document and its subject (trích yếu), centred and bold. */
function title() {
  return [
    centre('{docType}', { bold: true, before: 360, after: 0 }),
    centre('{subject}', { bold: true, after: 0 }),
    centre('———', { after: 240 }),
  ];
}

/** Nơi nhận (left) and the signature block (right): quyền hạn (TM./KT.), chức vụ, then the signer's name. */
function closing() {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              p([['Nơi nhận:', { bold: true, italics: true }]], {
                size: SMALL,
                align: AlignmentType.LEFT,
                before: 240,
                after: 0,
              }),
              p('{#recipients}', { size: 22, align: AlignmentType.LEFT, after: 0 }),
              p('- {.};', { size: 22, align: AlignmentType.LEFT, after: 0 }),
              p('{/recipients}', { size: 22, align: AlignmentType.LEFT, after: 0 }),
            ],
            45,
          ),
          cell(
            [
              centre('{signAuthority}', { bold: true, before: 240, after: 0 }),
              centre('{signTitle}', { bold: true, after: 0 }),
              centre('(Ký, ghi rõ họ tên, đóng dấu)', { italics: true, size: SMALL, after: 1200 }),
              centre('{signerName}', { bold: true }),
            ],
            55,
          ),
        ],
      }),
    ],
  });
}

/** A bordered table: a bold header row, then one row per item of `loop` (the tags open in the first cell, close in the last). */
function grid(loop, columns) {
  const width = Math.floor(100 / columns.length);
  const headerRow = new TableRow({
    tableHeader: true,
    children: columns.map(([label, , w]) =>
      cell([centre(label, { size: SMALL, bold: true, after: 0 })], w ?? width, { vAlign: VerticalAlign.CENTER }),
    ),
  });
  const itemRow = new TableRow({
    children: columns.map(([, tag, w, align], i) => {
      const text = `${i === 0 ? `{#${loop}}` : ''}{${tag}}${i === columns.length - 1 ? `{/${loop}}` : ''}`;
      return cell([p(text, { size: SMALL, after: 0, align: align ?? AlignmentType.LEFT })], w ?? width);
    }),
  });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [headerRow, itemRow] });
}

/** Signature blocks side by side (the vote-counting board, the conference's chair and secretary). */
function signatures(loop) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              centre(`{#${loop}}`, { after: 0 }),
              centre('{role}', { bold: true, before: 240, after: 0 }),
              centre('(Ký, ghi rõ họ tên)', { italics: true, size: SMALL, after: 960 }),
              centre('{name}', { bold: true }),
              centre(`{/${loop}}`, { after: 0 }),
            ],
            100,
          ),
        ],
      }),
    ],
  });
}

const C = AlignmentType.CENTER;

const templates = {
  'giao-uoc': [
    header(),
    ...title(),
    body('Thực hiện Kế hoạch thi đua năm {year} của {blocName}: {plan}'),
    body('Các đơn vị thành viên {blocName} cùng ký kết giao ước thi đua năm {year} với các nội dung sau:'),
    body('{pledgeText}'),
    body('Danh sách các đơn vị ký kết giao ước ({signedCount}/{unitCount} đơn vị):'),
    grid('signatures', [
      ['STT', 'stt', 10, C],
      ['Tên đơn vị', 'unitName', 55],
      ['Ngày ký', 'signedOnText', 20, C],
      ['Ghi chú', 'note', 15],
    ]),
    p('', { after: 120 }),
    closing(),
  ],
  'bien-ban-hoi-nghi': [
    header(),
    ...title(),
    body('Hôm nay, {heldOnText}, tại {location}, {blocName} tổ chức Hội nghị tổng kết và bình xét thi đua năm {year}.'),
    body([['I. THÀNH PHẦN', { bold: true }]], { indent: false }),
    body('Chủ trì: {chairedBy}.'),
    body('Số đơn vị thành viên: {membersTotal}; có mặt: {presentCount} đơn vị; vắng mặt: {absentCount} đơn vị.'),
    body('{#present}'),
    body('- {.} (có mặt);'),
    body('{/present}'),
    body('{#absent}'),
    body('- {.} (vắng mặt);'),
    body('{/absent}'),
    body('{quorumText}'),
    body([['II. KẾT QUẢ CHẤM ĐIỂM (theo tổng điểm đã thẩm định)', { bold: true }]], { indent: false }),
    grid('ranking', [
      ['Xếp hạng', 'rank', 12, C],
      ['Tên đơn vị', 'unitName', 58],
      ['Tổng điểm', 'totalText', 15, C],
      ['Tự chấm', 'selfTotalText', 15, C],
    ]),
    body('{#hasAdjustments}Các điểm được điều chỉnh khi thẩm định:{/hasAdjustments}', { before: 120 }),
    body('{#adjustments}'),
    body('- {unitName}, tiêu chí {criterion}: {pointsText} điểm ({reason});'),
    body('{/adjustments}'),
    body([['III. KẾT QUẢ BỎ PHIẾU VÀ QUYẾT NGHỊ', { bold: true }]], { indent: false, before: 120 }),
    body('Hội nghị đã bỏ phiếu kín qua {roundCount} vòng (chi tiết tại Biên bản kiểm phiếu). Hội nghị thống nhất:'),
    body('{#decisions}'),
    body('- {.};'),
    body('{/decisions}'),
    body('- Đơn vị Trưởng khối năm {nextYear}: {nextLeader}; đơn vị Phó khối năm {nextYear}: {nextDeputy}.'),
    body('Biên bản được lập theo Bộ quy tắc {rulesVersion}, thông qua tại hội nghị và các đơn vị dự họp nhất trí.'),
    signatures('signers'),
    closing(),
  ],
  'bien-ban-kiem-phieu': [
    header(),
    ...title(),
    body(
      'Ngày {heldOnText}, tại {location}, Ban kiểm phiếu của Hội nghị bình xét thi đua năm {year} của {blocName} đã tiến hành kiểm phiếu, số vòng bỏ phiếu: {roundCount}.',
    ),
    body('{#rounds}'),
    body([['VÒNG BỎ PHIẾU THỨ {round}', { bold: true }]], { indent: false, before: 120 }),
    body('Số phiếu phát ra: {issued}; số phiếu thu về: {returned}; số phiếu hợp lệ: {valid}; số phiếu không hợp lệ: {invalid}.'),
    body('{#awards}'),
    body([['{award}', { bold: true }], ': ngưỡng {thresholdText}; số lượng tối đa {maxPerBloc}.'], { before: 160 }),
    grid('candidates', [
      ['STT', 'stt', 8, C],
      ['Đơn vị', 'unitName', 50],
      ['Số phiếu', 'votes', 12, C],
      ['Tỷ lệ', 'ratio', 15, C],
      ['Kết quả', 'result', 15, C],
    ]),
    body('{/awards}'),
    body('{#elections}'),
    body([['{seat}', { bold: true }], ': {result}'], { before: 160 }),
    body('{#candidates}'),
    body('- {unitName}: {votes} phiếu;'),
    body('{/candidates}'),
    body('{/elections}'),
    body('{/rounds}'),
    body('{#hasTieBreaks}Quyết định trường hợp bằng phiếu sau vòng cuối:{/hasTieBreaks}'),
    body('{#tieBreaks}'),
    body('- {item}: các đơn vị bằng phiếu {tied}; chọn {chosen} ({by}).'),
    body('{/tieBreaks}'),
    body('Biên bản kiểm phiếu lập xong hồi … giờ … cùng ngày, đã đọc cho hội nghị cùng nghe.'),
    signatures('board'),
    closing(),
  ],
  'to-trinh': [
    header(),
    ...title(),
    body(
      [
        ['Kính gửi: ', { bold: false }],
        ['{addressee}', { bold: true }],
      ],
      { align: AlignmentType.CENTER, indent: false },
    ),
    body('{#legalBasis}'),
    body('Căn cứ {.};'),
    body('{/legalBasis}'),
    body('Căn cứ kết quả Hội nghị bình xét thi đua năm {year} của {blocName} ngày {heldOnShort},'),
    body(
      '{blocName} kính đề nghị {addresseeShort} xem xét, khen thưởng cho {nomineeCount} tập thể có thành tích xuất sắc trong phong trào thi đua năm {year}, cụ thể:',
    ),
    grid('nominees', [
      ['STT', 'stt', 8, C],
      ['Tên tập thể', 'unitName', 44],
      ['Hình thức đề nghị', 'awardName', 24],
      ['Tổng điểm', 'totalText', 12, C],
      ['Số phiếu', 'votesText', 12, C],
    ]),
    body('(Kèm theo biên bản hội nghị bình xét, biên bản kiểm phiếu và báo cáo thành tích của các tập thể.)', { before: 120 }),
    body('Kính đề nghị {addresseeShort} xem xét, quyết định./.'),
    closing(),
  ],
  'bao-cao-thanh-tich': [
    header(),
    ...title(),
    body([['I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH', { bold: true }]], { indent: false }),
    body('1. Đặc điểm, tình hình: {unitName} (ghi đặc điểm, cơ cấu tổ chức, tổng số cán bộ; nữ: {womenText}).'),
    body('2. Chức năng, nhiệm vụ: (đơn vị bổ sung).'),
    body([['II. THÀNH TÍCH ĐẠT ĐƯỢC', { bold: true }]], { indent: false }),
    body('1. Kết quả thực hiện các tiêu chí thi đua năm {year} (điểm đã được {blocName} thẩm định):'),
    grid('scores', [
      ['Mã', 'code', 10, C],
      ['Tiêu chí', 'name', 50],
      ['Điểm tối đa', 'maxText', 14, C],
      ['Tự chấm', 'selfText', 13, C],
      ['Thẩm định', 'pointsText', 13, C],
    ]),
    body(
      'Tổng điểm thẩm định: {totalText}; xếp thứ {rank}/{unitCount} trong khối. Được hội nghị bình xét đề nghị tặng {awardName} với {votesText} phiếu.',
      { before: 120 },
    ),
    body('2. Xếp loại năm {year}: {ratingText}.'),
    body('3. Các giải pháp, sáng kiến, kinh nghiệm: (đơn vị bổ sung).'),
    body([['III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG', { bold: true }]], { indent: false }),
    body('{#hasAwards}'),
    grid('awards', [
      ['Năm', 'year', 12, C],
      ['Hình thức khen thưởng', 'awardName', 48],
      ['Số, ngày quyết định', 'decision', 40],
    ]),
    body('{/hasAwards}'),
    body('{^hasAwards}Chưa có hình thức khen thưởng nào được ghi nhận trong hệ thống.{/hasAwards}'),
    body('Căn cứ: {formBasis}.', { before: 120 }),
    closing(),
    signatures('signers'),
  ],
  'quyet-dinh': [
    header(),
    ...title(),
    centre('{deciderTitle}', { bold: true, after: 120 }),
    body('Căn cứ Luật Tổ chức chính quyền địa phương;'),
    body('{#legalBasis}'),
    body('Căn cứ {.};'),
    body('{/legalBasis}'),
    body('Theo đề nghị của {proposer}.'),
    centre('QUYẾT ĐỊNH:', { bold: true, before: 120, after: 120 }),
    body([
      ['Điều 1. ', { bold: true }],
      'Tặng thưởng cho {awardeeCount} tập thể có tên tại Phụ lục kèm theo Quyết định này, đã có thành tích xuất sắc trong phong trào thi đua năm {year}.',
    ]),
    body([['Điều 2. ', { bold: true }], 'Quyết định này có hiệu lực kể từ ngày ký.']),
    body([
      ['Điều 3. ', { bold: true }],
      'Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng cơ quan làm công tác thi đua, khen thưởng tỉnh, Thủ trưởng các cơ quan, đơn vị liên quan và các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.',
    ]),
    closing(),
    new Paragraph({ children: [], pageBreakBefore: true }),
    centre('PHỤ LỤC', { bold: true, after: 0 }),
    centre('DANH SÁCH TẬP THỂ ĐƯỢC KHEN THƯỞNG', { bold: true, after: 0 }),
    centre('(Kèm theo Quyết định số {number} {dateText} của {deciderShort})', { italics: true, after: 240 }),
    grid('annex', [
      ['STT', 'stt', 8, C],
      ['Tên tập thể', 'name', 57],
      ['Hình thức khen thưởng', 'awardName', 35],
    ]),
  ],
  // ---- The province round's papers ----
  'to-trinh-de-nghi-khen-thuong': [
    header(),
    ...title(),
    body(
      [
        ['Kính gửi: ', { bold: false }],
        ['{addressee}', { bold: true }],
      ],
      { align: AlignmentType.CENTER, indent: false },
    ),
    body('{#legalBasis}'),
    body('Căn cứ {.};'),
    body('{/legalBasis}'),
    body(
      'Căn cứ hồ sơ đề nghị của các khối thi đua và các cơ quan, đơn vị; kết quả thẩm định của Phòng Thi đua - Khen thưởng được duyệt {approvedOnText},',
    ),
    body(
      'Sở Nội vụ kính trình {addresseeShort} xem xét, khen thưởng cho {itemCount} tập thể (thuộc {blocCount} khối thi đua và các cơ quan, đơn vị đề nghị trực tiếp) trong đợt {roundTitle}, cụ thể:',
    ),
    body('{#groups}'),
    body([['{awardName}: {count} tập thể ({targetText})', { bold: true }]], { indent: false, before: 120 }),
    grid('rows', [
      ['STT', 'stt', 8, C],
      ['Tên tập thể', 'unitName', 36],
      ['Khối / cơ quan đề nghị', 'proposedBy', 26],
      ['Số phiếu tại khối', 'votesText', 12, C],
      ['Ý kiến thẩm định', 'note', 18],
    ]),
    body('{/groups}'),
    body('{#hasNotRecommended}Các trường hợp không đề nghị khen thưởng sau thẩm định:{/hasNotRecommended}', { before: 120 }),
    body('{#notRecommended}'),
    body('- {unitName} ({awardName}): {reason};'),
    body('{/notRecommended}'),
    body('Các đề nghị thuộc thẩm quyền xét của Hội đồng Thi đua - Khen thưởng tỉnh được trình Hội đồng trước khi trình ký.'),
    body('Kính trình {addresseeShort} xem xét, quyết định./.'),
    closing(),
  ],
  'bien-ban-hop-hoi-dong': [
    header(),
    ...title(),
    body(
      'Hôm nay, {heldOnText}, tại {location}, Hội đồng Thi đua - Khen thưởng tỉnh họp xét khen thưởng năm {year} ({sessionLabel}).',
    ),
    body([['I. THÀNH PHẦN', { bold: true }]], { indent: false }),
    body('Chủ trì: {chairedBy}. Thư ký: {secretary}.'),
    body(
      'Tổng số thành viên Hội đồng: {membersTotal}; có mặt: {presentCount}; vắng mặt có phiếu bằng văn bản: {writtenCount}; vắng mặt: {absentCount}.',
    ),
    body('Thành viên có mặt:', { indent: false }),
    body('{#present}'),
    body('- {name}, {roleText};'),
    body('{/present}'),
    body('Thành viên vắng mặt:', { indent: false }),
    body('{#written}'),
    body('- {name}, {roleText} (vắng mặt, có phiếu bằng văn bản);'),
    body('{/written}'),
    body('{#absent}'),
    body('- {name}, {roleText};'),
    body('{/absent}'),
    body('{quorumText}'),
    body([['II. KẾT QUẢ BỎ PHIẾU KÍN TỪNG ĐỀ NGHỊ', { bold: true }]], { indent: false }),
    body('{thresholdText}'),
    body('{#hasVotes}'),
    grid('votes', [
      ['STT', 'stt', 8, C],
      ['Tên tập thể', 'unitName', 20],
      ['Hình thức', 'awardName', 15],
      ['Khối / cơ quan đề nghị', 'proposedBy', 15],
      ['Đồng ý', 'votesFor', 10, C],
      ['Không đồng ý', 'votesAgainst', 11, C],
      ['Không hợp lệ', 'invalid', 11, C],
      ['Kết quả', 'result', 10, C],
    ]),
    body('Số đề nghị được thông qua: {passedCount}; không được thông qua: {rejectedCount}.', { before: 120 }),
    body('{/hasVotes}'),
    body('{#hasRejections}Lý do không thông qua:{/hasRejections}'),
    body('{#rejections}'),
    body('- {unitName} ({awardName}): {reason};'),
    body('{/rejections}'),
    body([['III. KẾT LUẬN', { bold: true }]], { indent: false }),
    body('{resultText}'),
    body('Biên bản được lập theo Bộ quy tắc {rulesVersion}, đã đọc lại cho các thành viên dự họp cùng nghe và nhất trí.'),
    signatures('signers'),
    p([['Nơi nhận:', { bold: true, italics: true }]], { size: SMALL, align: AlignmentType.LEFT, before: 240, after: 0 }),
    p('{#recipients}', { size: 22, align: AlignmentType.LEFT, after: 0 }),
    p('- {.};', { size: 22, align: AlignmentType.LEFT, after: 0 }),
    p('{/recipients}', { size: 22, align: AlignmentType.LEFT, after: 0 }),
  ],
  'quyet-dinh-khen-thuong': [
    header(),
    ...title(),
    centre('{deciderTitle}', { bold: true, after: 120 }),
    body('Căn cứ Luật Tổ chức chính quyền địa phương;'),
    body('{#legalBasis}'),
    body('Căn cứ {.};'),
    body('{/legalBasis}'),
    body('Theo đề nghị của {proposer}.'),
    centre('QUYẾT ĐỊNH:', { bold: true, before: 120, after: 120 }),
    body([
      ['Điều 1. ', { bold: true }],
      'Tặng thưởng cho {awardeeCount} tập thể có tên tại Phụ lục kèm theo Quyết định này, đã có thành tích xuất sắc trong phong trào thi đua năm {year} ({awardSummary}).',
    ]),
    body('{#hasForwarded}'),
    body([['Điều 1a. ', { bold: true }], 'Đề nghị Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ cho các tập thể:']),
    body('{/hasForwarded}'),
    body('{#forwarded}'),
    body('{stt}. {name} ({proposedBy});'),
    body('{/forwarded}'),
    body([['Điều 2. ', { bold: true }], 'Quyết định này có hiệu lực kể từ ngày ký. Áp dụng Bộ quy tắc {rulesVersion}.']),
    body([
      ['Điều 3. ', { bold: true }],
      'Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan, đơn vị liên quan và các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.',
    ]),
    closing(),
    new Paragraph({ children: [], pageBreakBefore: true }),
    centre('PHỤ LỤC', { bold: true, after: 0 }),
    centre('DANH SÁCH TẬP THỂ ĐƯỢC KHEN THƯỞNG', { bold: true, after: 0 }),
    centre('(Kèm theo Quyết định số {number} {dateText} của {deciderShort})', { italics: true, after: 240 }),
    grid('annex', [
      ['STT', 'stt', 8, C],
      ['Tên tập thể', 'name', 40],
      ['Hình thức khen thưởng', 'awardName', 26],
      ['Khối / cơ quan đề nghị', 'proposedBy', 26],
    ]),
  ],
  'to-trinh-co-thi-dua-chinh-phu': [
    header(),
    ...title(),
    body(
      [
        ['Kính gửi: ', { bold: false }],
        ['{addressee}', { bold: true }],
      ],
      { align: AlignmentType.CENTER, indent: false },
    ),
    body('{#legalBasis}'),
    body('Căn cứ {.};'),
    body('{/legalBasis}'),
    body('Căn cứ {decisionsText} của Chủ tịch Ủy ban nhân dân tỉnh,'),
    body(
      'Ủy ban nhân dân tỉnh kính đề nghị {addresseeShort} xem xét, tặng Cờ thi đua của Chính phủ năm {year} cho {candidateCount} tập thể dẫn đầu phong trào thi đua, cụ thể:',
    ),
    grid('candidates', [
      ['STT', 'stt', 8, C],
      ['Tên tập thể', 'unitName', 34],
      ['Khối / cơ quan đề nghị', 'proposedBy', 24],
      ['Phiếu đồng ý của Hội đồng', 'votesText', 14, C],
      ['Quyết định của tỉnh', 'decision', 20],
    ]),
    body('{#hasResends}Hồ sơ đã được bổ sung theo yêu cầu: {resendsText}.{/hasResends}', { before: 120 }),
    body('(Kèm theo báo cáo thành tích, biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh và quyết định của tỉnh.)'),
    body('Kính đề nghị {addresseeShort} xem xét, quyết định./.'),
    closing(),
  ],
};

mkdirSync(outDir, { recursive: true });
for (const [kind, children] of Object.entries(templates)) {
  const doc = new Document({
    creator: 'thidua',
    title: kind,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(20 * MM),
              bottom: Math.round(20 * MM),
              left: Math.round(30 * MM),
              right: Math.round(15 * MM),
            },
          },
        },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  writeFileSync(path.join(outDir, `${kind}.docx`), buffer);
  console.log(`templates/documents/${kind}.docx (${buffer.length} bytes)`);
}
