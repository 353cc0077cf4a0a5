import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ImportError } from '../../../src/shared/import/import-error';
import { parseImportFile, previewImportFile } from '../../../src/main/import/read-file';
import { writeBytes, writeCsv, writeXlsx, writeZip, type CsvEncoding } from '../../support/import-files';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

const CUSTOMER_ROWS = [
  ['客户编号', '客户姓名', '联系电话', '性别', '城市'],
  ['C001', '张三', '138 1234 5678', '男', '上海'],
  ['C002', '李四', '+86 139-0000-0000', '女', '北京'],
  ['C003', '王五', '０２１－６２３４５６７８', '', '广州'],
];

async function importError(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('CSV encodings', () => {
  it.each<[CsvEncoding, string, string]>([
    ['gbk', 'gb18030', 'gb18030_valid'],
    ['gb18030', 'gb18030', 'gb18030_valid'],
    ['utf-8-bom', 'utf-8', 'bom'],
    ['utf-8', 'utf-8', 'utf8_valid'],
    ['utf-16le-bom', 'utf-16le', 'bom'],
  ])('reads a %s file (detected as %s)', async (encoding, detected, basis) => {
    const path = writeCsv(tempDir(), `customers-${encoding}.csv`, CUSTOMER_ROWS, { encoding, delimiter: encoding.startsWith('utf-16') ? '\t' : ',' });
    const parsed = await parseImportFile(path);
    expect(parsed.source).toMatchObject({ format: 'csv', encoding: { encoding: detected, basis }, decodeErrors: 0 });
    expect(parsed.clean.kind).toBe('customers');
    if (parsed.clean.kind !== 'customers') return;
    expect(parsed.clean.records.map((r) => [r.record.customerNo, r.record.name, r.record.phone, r.record.city])).toEqual([
      ['C001', '张三', '13812345678', '上海'],
      ['C002', '李四', '13900000000', '北京'],
      ['C003', '王五', '02162345678', '广州'],
    ]);
  });

  it('guesses Big5 for traditional-Chinese Windows exports and takes an override', async () => {
    const rows = [
      ['客戶編號', '客戶名稱', '聯絡電話', '城市'],
      ['C001', '陳大文', '13812345678', '臺北'],
      ['C002', '黃小明', '13900000000', '高雄'],
    ];
    const path = writeCsv(tempDir(), 'big5.csv', rows, { encoding: 'big5' });
    const preview = await previewImportFile(path);
    expect(preview.source.encoding).toMatchObject({ encoding: 'big5', basis: 'big5_likely' });
    expect(preview.headers).toEqual(rows[0]);
    const wrong = await previewImportFile(path, { encoding: 'gb18030' });
    expect(wrong.source.encoding).toMatchObject({ encoding: 'gb18030', basis: 'override' });
    expect(wrong.headers).not.toEqual(rows[0]);
  });

  it('keeps GBK simplified text as GB18030 (no Big5 false alarm)', async () => {
    const path = writeCsv(tempDir(), 'gbk-long.csv', [['客户名称', '联系电话', '地址'], ...Array.from({ length: 50 }, (_, i) => [`客户${i}号`, `1380000${String(i).padStart(4, '0')}`, '上海市浦东新区世纪大道一百号，二楼'])], {
      encoding: 'gbk',
    });
    expect((await previewImportFile(path)).source.encoding?.encoding).toBe('gb18030');
  });

  it('counts characters that do not decode in the chosen encoding', async () => {
    const path = writeCsv(tempDir(), 'gbk-as-utf8.csv', CUSTOMER_ROWS, { encoding: 'gbk' });
    const parsed = await parseImportFile(path, { encoding: 'utf-8', kind: 'customers', mapping: undefined }).catch((e: unknown) => e);
    // Decoded as UTF-8 the Chinese headers are gone, so no column is recognised.
    expect(parsed).toBeInstanceOf(ImportError);
    expect((parsed as ImportError).code).toBe('no_recognised_columns');
  });

  it('reads semicolon and tab separated files, quoted cells with line breaks, and counts rows as records', async () => {
    const rows = [
      ['客户编号', '姓名', '手机', '标签'],
      ['C001', '张三', '13812345678', '第一行\n第二行'],
      ['C002', '李四', '13900000000', 'a;b'],
    ];
    const path = writeCsv(tempDir(), 'semi.csv', rows, { delimiter: ';' });
    const parsed = await parseImportFile(path);
    expect(parsed.source.delimiter).toBe(';');
    if (parsed.clean.kind !== 'customers') throw new Error('customers expected');
    expect(parsed.clean.records.map((r) => [r.rows, r.record.tags])).toEqual([
      [[2], ['第一行 第二行']],
      [[3], ['a', 'b']],
    ]);
  });
});

describe('XLSX', () => {
  it('reads date serials, cached formula results, and reports error cells and formulas without results per row', async () => {
    const path = await writeXlsx(tempDir(), 'deliveries.xlsx', [
      {
        name: '交付',
        rows: [
          ['客户编号', '客户名称', '联系电话', '产品型号', '序列号', '购买日期', '交付日期', '保修截止', '核对人'],
          ['C001', '张三', 13812345678, 'KFR-35GW', 'SN001', { date: 46082 }, { date: 46086 }, { formula: 'F2+1096', result: 47178 }, { error: '#REF!' }],
          ['C002', '李四', { formula: '"139"&"00000000"', result: '13900000000' }, 'BCD-520W', 'SN002', '2026/3/1', { error: '#N/A' }, null],
          ['C003', '王五', '13700000000', 'XQG100', 'SN003', { date: 46082 }, { formula: 'F4+3' }, null],
          ['C004', '赵六', '13600000000', 'XQG100', 'SN004', { date: 46082 }, { formula: '1/0', result: { error: '#DIV/0!' } }, null],
          ['C005', '钱七', '13500000000', 'XQG100', 'SN005', 60, null, null],
        ],
      },
    ]);
    const parsed = await parseImportFile(path);
    expect(parsed.source).toMatchObject({ format: 'xlsx', sheet: '交付', sheets: [{ name: '交付', hidden: false }], date1904: false });
    if (parsed.clean.kind !== 'purchases') throw new Error('purchases expected');
    expect(parsed.clean.records.map((r) => [r.rows, r.record.phone, r.record.purchaseDate, r.record.deliveryDate, r.record.warrantyEnd])).toEqual([
      [[2], '13812345678', '2026-03-01', '2026-03-05', '2029-03-01'],
    ]);
    expect(parsed.clean.issues.map((i) => [i.row, i.cell, i.code])).toEqual([
      [3, 'G3', 'cell_error_value'],
      [4, 'G4', 'cell_formula_without_result'],
      [5, 'G5', 'cell_error_value'],
      [6, 'F6', 'invalid_date'],
    ]);
    expect(parsed.clean.issues[0]?.reason).toBe('the cell holds the error #N/A');
  });

  it('takes the first visible sheet by default, another by name or position, and names the sheets when one is missing', async () => {
    const customers = [['客户编号', '姓名', '手机'], ['C001', '张三', '13812345678']];
    const path = await writeXlsx(tempDir(), 'sheets.xlsx', [
      { name: '字典', rows: [['代码', '含义']], hidden: true },
      { name: '客户', rows: customers },
      { name: '第二批', rows: [customers[0] ?? [], ['C002', '李四', '13900000000'], ['C003', '王五', '13700000000']] },
    ]);
    expect((await parseImportFile(path)).source.sheet).toBe('客户');
    expect((await parseImportFile(path, { sheet: '第二批' })).clean.stats.dataRows).toBe(2);
    expect((await parseImportFile(path, { sheet: 3 })).source.sheet).toBe('第二批');
    const missing = await importError(parseImportFile(path, { sheet: 'Sheet9' }));
    expect(missing.code).toBe('sheet_not_found');
    expect(missing.details).toEqual(['字典', '客户', '第二批']);
  });

  it('counts serials from 1904 when the workbook says so', async () => {
    const path = await writeXlsx(
      tempDir(),
      'mac.xlsx',
      [{ name: 'S', rows: [['客户编号', '手机', '型号', '序列号', '购买日期'], ['C001', '13812345678', 'M1', 'SN1', { date: 44624 }]] }],
      { date1904: true },
    );
    const parsed = await parseImportFile(path);
    expect(parsed.source.date1904).toBe(true);
    if (parsed.clean.kind !== 'purchases') throw new Error('purchases expected');
    expect(parsed.clean.records[0]?.record.purchaseDate).toBe('2026-03-05');
  });

  it('reads workbooks as other producers write them: Excel part order, prefixed XML, inline strings, booleans, phonetic runs', async () => {
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const path = writeZip(tempDir(), 'dotnet.xlsx', [
      ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
      ['_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/book.xml"/></Relationships>'],
      ['xl/book.xml', `<?xml version="1.0"?><x:workbook ${ns}><x:workbookPr date1904="false"/><x:sheets><x:sheet name="客户 &amp; 产品" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>`],
      ['xl/_rels/book.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="data/one.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>'],
      [
        'xl/data/one.xml',
        `<?xml version="1.0"?><x:worksheet ${ns}><x:sheetData>` +
          '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>手机</x:t></x:is></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>' +
          '<x:row><x:c t="inlineStr"><x:is><x:r><x:t>C0</x:t></x:r><x:r><x:t>01</x:t></x:r></x:is></x:c><x:c t="s"><x:v>3</x:v></x:c><x:c><x:f>13812345678</x:f><x:v>13812345678</x:v></x:c><x:c t="str"><x:f>"上海"</x:f><x:v>上海</x:v></x:c></x:row>' +
          '<x:row r="5"><x:c r="A5" t="str"><x:v>C002</x:v></x:c><x:c r="B5" t="inlineStr"><x:is><x:t>李四</x:t></x:is></x:c><x:c r="C5" t="e"><x:f>VLOOKUP(A5,Z:Z,2,0)</x:f><x:v>#N/A</x:v></x:c><x:c r="D5" t="b"><x:v>1</x:v></x:c></x:row>' +
          '</x:sheetData></x:worksheet>',
      ],
      ['xl/strings.xml', `<?xml version="1.0"?><x:sst ${ns}><x:si><x:t>客户编号</x:t></x:si><x:si><x:t>姓名</x:t></x:si><x:si><x:t>城市</x:t></x:si><x:si><x:r><x:t>张</x:t></x:r><x:r><x:t>三</x:t></x:r><x:rPh><x:t>ちょう</x:t></x:rPh></x:si></x:sst>`],
    ]);
    const parsed = await parseImportFile(path);
    expect(parsed.source).toMatchObject({ sheet: '客户 & 产品', sheets: [{ name: '客户 & 产品', hidden: false }] });
    if (parsed.clean.kind !== 'customers') throw new Error('customers expected');
    expect(parsed.clean.records.map((r) => [r.rows, r.record.customerNo, r.record.name, r.record.phone, r.record.city])).toEqual([[[2], 'C001', '张三', '13812345678', '上海']]);
    expect(parsed.clean.issues.map((i) => [i.row, i.cell, i.code, i.reason])).toEqual([[5, 'C5', 'cell_error_value', 'the cell holds the error #N/A']]);
  });

  it('reads a formula whose cached result is 0, an empty string or FALSE as that result', async () => {
    const path = await writeXlsx(tempDir(), 'falsy.xlsx', [
      {
        name: 'S',
        rows: [
          ['客户编号', '姓名', '手机', '城市', '标签'],
          ['C001', '张三', '13812345678', { formula: 'IF(1,"","x")', result: '' }, { formula: '0*1', result: 0 }],
        ],
      },
    ]);
    const parsed = await parseImportFile(path);
    expect(parsed.clean.issues).toEqual([]);
    if (parsed.clean.kind !== 'customers') throw new Error('customers expected');
    expect(parsed.clean.records[0]?.record).toMatchObject({ city: null, tags: ['0'] });
  });

  it('finds the header below a title row and keeps the sheet row numbers', async () => {
    const path = await writeXlsx(tempDir(), 'title.xlsx', [
      { name: 'S', rows: [['客户信息导出 2026-03-05'], [], ['客户编号', '姓名', '手机'], ['C001', '张三', '1381234567'], ['C002', '李四', '13900000000']] },
    ]);
    const parsed = await parseImportFile(path);
    expect(parsed.mapping.headerRow).toBe(3);
    expect(parsed.clean.issues.map((i) => [i.row, i.cell])).toEqual([[4, 'C4']]);
  });
});

describe('files that cannot be imported', () => {
  it.each([
    ['a PNG', 'photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), 'not_spreadsheet', 'not a CSV or XLSX file'],
    ['an old .xls', 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'legacy_xls', 'old Excel .xls'],
    ['an HTML table named .xls', 'crm.xls', '<html><body><table><tr><td>客户名称</td></tr></table></body></html>', 'html_table', 'web page'],
    ['an empty file', 'empty.csv', '', 'empty_file', 'the file has no rows'],
    ['a file of blank lines', 'blank.csv', '\ufeff\r\n\r\n  \r\n', 'empty_file', 'the file has no rows'],
    ['a header only', 'header.csv', '客户编号,姓名,手机\r\n', 'no_rows', 'no data rows'],
    ['unknown columns', 'other.csv', 'foo,bar\r\n1,2\r\n', 'no_recognised_columns', 'no column has a name this import knows'],
  ])('refuses %s with a clear message', async (_what, name, content, code, message) => {
    const path = writeBytes(tempDir(), name, content);
    const error = await importError(parseImportFile(path));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  it('refuses a ZIP that holds no workbook', async () => {
    const path = writeZip(tempDir(), 'archive.xlsx', [['readme.txt', 'hello']]);
    const error = await importError(parseImportFile(path));
    expect(error).toMatchObject({ code: 'not_spreadsheet', message: expect.stringContaining('not a CSV or XLSX file') });
  });

  it('reports a truncated XLSX (a download cut short) as a damaged spreadsheet, not as "not a spreadsheet"', async () => {
    const whole = await writeXlsx(tempDir(), 'whole.xlsx', [{ name: '客户', rows: CUSTOMER_ROWS }]);
    const bytes = readFileSync(whole);
    for (const keep of [0.5, 0.9]) {
      const cut = writeBytes(tempDir(), `cut-${keep}.xlsx`, bytes.subarray(0, Math.floor(bytes.length * keep)));
      const error = await importError(previewImportFile(cut));
      expect(error.code).toBe('damaged_spreadsheet');
      expect(error.message).toContain('damaged');
    }
    // A ZIP whose sheet part is corrupt inside a valid archive: damaged too.
    const broken = writeZip(tempDir(), 'broken.xlsx', [
      ['[Content_Types].xml', '<Types/>'],
      ['xl/workbook.xml', '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'],
      ['xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
    ]);
    expect((await importError(previewImportFile(broken))).code).toBe('damaged_spreadsheet');
  });

  it('refuses an XLSX with a header only, and one with no rows', async () => {
    const headerOnly = await writeXlsx(tempDir(), 'h.xlsx', [{ name: 'S', rows: [['客户编号', '姓名', '手机']] }]);
    expect((await importError(parseImportFile(headerOnly))).code).toBe('no_rows');
    const empty = await writeXlsx(tempDir(), 'e.xlsx', [{ name: 'S', rows: [] }]);
    expect((await importError(parseImportFile(empty))).code).toBe('empty_file');
  });

  it('refuses a file with more data rows than the limit, and imports nothing', async () => {
    const rows = [['客户编号', '姓名', '手机'], ...Array.from({ length: 30 }, (_, i) => [`C${i}`, '张三', `1380000${String(i).padStart(4, '0')}`])];
    const path = writeCsv(tempDir(), 'big.csv', rows);
    const error = await importError(parseImportFile(path, { maxDataRows: 20 }));
    expect(error.code).toBe('too_many_rows');
    expect(error.message).toBe('the file has more than 20 data rows; split it into smaller files (nothing was imported)');
    expect((await parseImportFile(path, { maxDataRows: 30 })).clean.stats.dataRows).toBe(30);
  });

  it('says which required columns are missing', async () => {
    const path = writeCsv(tempDir(), 'p.csv', [['客户编号', '产品型号', '购买日期'], ['C001', 'M1', '2026-03-01']]);
    const error = await importError(parseImportFile(path, { kind: 'purchases' }));
    expect(error.code).toBe('invalid_mapping');
    expect(error.details).toEqual(['no column is mapped to serialNo, which a purchases list needs']);
  });
});

describe('remembered mappings', () => {
  it('applies a saved mapping to a file whose columns moved, and refuses one whose column is gone', async () => {
    const first = await previewImportFile(writeCsv(tempDir(), 'a.csv', CUSTOMER_ROWS));
    const saved = JSON.parse(JSON.stringify(first.guess?.mapping));
    const moved = CUSTOMER_ROWS.map((row) => [row[4] ?? '', row[2] ?? '', row[1] ?? '', row[0] ?? '']);
    const parsed = await parseImportFile(writeCsv(tempDir(), 'b.csv', moved), { mapping: saved });
    expect(parsed.mapping.columns.phone).toEqual({ index: 1, header: '联系电话' });
    expect(parsed.droppedFields).toEqual(['gender']);
    if (parsed.clean.kind !== 'customers') throw new Error('customers expected');
    expect(parsed.clean.records[0]?.record).toMatchObject({ customerNo: 'C001', name: '张三', phone: '13812345678', gender: null, city: '上海' });
    const gone = CUSTOMER_ROWS.map((row) => [row[0] ?? '', row[1] ?? '']);
    const error = await importError(parseImportFile(writeCsv(tempDir(), 'c.csv', gone), { mapping: saved }));
    expect(error.code).toBe('invalid_mapping');
    expect(error.details).toContain('the column "联系电话" (phone) is not in the file');
  });
});
