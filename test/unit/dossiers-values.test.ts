// Reading one dossier's values: every date form, channel text and codes, fees, payment forms, ratings and statuses.
import { describe, expect, it } from 'vitest';
import { readChannel, readDateTime, readFee, readPayment, readRating, readStatus, readText } from '../../core/dossiers/values';
import { join } from 'node:path';
import { aggregate } from '../../core/dossiers/aggregate';
import { loadSample } from '../../core/model/report';
import { tempDir, utc, writeHandXlsx } from '../helpers/dossier-lists';

const ok = <T>(value: T) => ({ ok: true, value });

describe('dates', () => {
  it('reads Excel dates and date-times, serials, text dd/MM/yyyy with or without a time, and ISO dates', () => {
    expect(readDateTime(utc(2024, 7, 15))).toEqual(ok({ date: '2024-07-15', minutes: null }));
    expect(readDateTime(utc(2024, 7, 15, 8, 30))).toEqual(ok({ date: '2024-07-15', minutes: 510 }));
    // A time of day of seconds only is still a time; half a second past midnight is none; before 1970 too.
    expect(readDateTime(new Date(Date.UTC(2024, 6, 15, 0, 0, 30)))).toEqual(ok({ date: '2024-07-15', minutes: 0 }));
    expect(readDateTime(new Date(Date.UTC(2024, 6, 15, 0, 0, 0, 500)))).toEqual(ok({ date: '2024-07-15', minutes: null }));
    expect(readDateTime(new Date(Date.UTC(2024, 6, 15, 23, 59, 59)))).toEqual(ok({ date: '2024-07-15', minutes: 1439 }));
    expect(readDateTime(new Date(Date.UTC(1969, 11, 31, 12, 0)))).toEqual(ok({ date: '1969-12-31', minutes: 720 }));
    expect(readDateTime(45488)).toEqual(ok({ date: '2024-07-15', minutes: null }));
    expect(readDateTime(45488.75)).toEqual(ok({ date: '2024-07-15', minutes: 1080 }));
    expect(readDateTime('15/07/2024')).toEqual(ok({ date: '2024-07-15', minutes: null }));
    expect(readDateTime(' 15/07/2024 08:30 ')).toEqual(ok({ date: '2024-07-15', minutes: 510 }));
    expect(readDateTime('15/07/2024 08:30:59')).toEqual(ok({ date: '2024-07-15', minutes: 510 }));
    expect(readDateTime('5/7/2024 8:05')).toEqual(ok({ date: '2024-07-05', minutes: 485 }));
    expect(readDateTime('15-07-2024')).toEqual(ok({ date: '2024-07-15', minutes: null }));
    expect(readDateTime('2024-07-15')).toEqual(ok({ date: '2024-07-15', minutes: null }));
    expect(readDateTime('2024-07-15T08:30:00')).toEqual(ok({ date: '2024-07-15', minutes: 510 }));
    expect(readDateTime('29/02/2024')).toEqual(ok({ date: '2024-02-29', minutes: null }));
    expect(readDateTime(null)).toEqual(ok(null));
    expect(readDateTime('  ')).toEqual(ok(null));
  });

  it('refuses what is not a date, with the value in the reason', () => {
    for (const bad of ['29/02/2023', '32/07/2024', '15/13/2024', '15/07/2024 25:00', 'hôm qua', '2024']) {
      const r = readDateTime(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain('không phải là ngày');
    }
    expect(readDateTime(7).ok).toBe(false);
    expect(readDateTime(true).ok).toBe(false);
    expect(readDateTime({ error: '#N/A' }).ok).toBe(false);
  });
});

describe('channel, fee, payment, rating, status', () => {
  it('reads the channel as text or code', () => {
    expect(readChannel('Trực tuyến')).toEqual(ok(2));
    expect(readChannel('Nộp trực tuyến qua Cổng DVC')).toEqual(ok(2));
    expect(readChannel('TRỰC TIẾP')).toEqual(ok(1));
    expect(readChannel('Bưu chính công ích')).toEqual(ok(3));
    expect(readChannel(2)).toEqual(ok(2));
    expect(readChannel('3')).toEqual(ok(3));
    expect(readChannel(null)).toEqual(ok(null));
    expect(readChannel(4).ok).toBe(false);
    expect(readChannel('Fax').ok).toBe(false);
  });

  it('reads fees in đồng; blank, "Không" and "Miễn phí" are no fee', () => {
    expect(readFee(50000)).toEqual(ok(50000));
    expect(readFee('50.000')).toEqual(ok(50000));
    expect(readFee('50.000 đ')).toEqual(ok(50000));
    expect(readFee('1.250.000 VNĐ')).toEqual(ok(1250000));
    expect(readFee('Miễn phí')).toEqual(ok(0));
    expect(readFee(null)).toEqual(ok(0));
    expect(readFee('-')).toEqual(ok(0));
    expect(readFee(-5).ok).toBe(false);
    expect(readFee('năm mươi').ok).toBe(false);
  });

  it('reads whether a fee was paid online, as a flag or as a payment form', () => {
    for (const yes of [true, 1, 'Có', 'x', 'Đã thanh toán trực tuyến', 'Trực tuyến']) expect(readPayment(yes)).toEqual(ok(true));
    for (const no of [false, 0, 'Không', 'Chưa thanh toán', 'Trực tiếp', 'Tiền mặt']) expect(readPayment(no)).toEqual(ok(false));
    expect(readPayment(null)).toEqual(ok(null));
    expect(readPayment('Có lẽ').ok).toBe(false);
  });

  it('reads ratings; "Chưa đánh giá" is not a rating', () => {
    expect(readRating('Rất hài lòng')).toEqual(ok('very'));
    expect(readRating('HÀI LÒNG')).toEqual(ok('satisfied'));
    expect(readRating('Không hài lòng')).toEqual(ok('unsatisfied'));
    expect(readRating('Bình thường')).toEqual(ok('neutral'));
    expect(readRating('Chưa đánh giá')).toEqual(ok(null));
    expect(readRating(5).ok).toBe(false);
  });

  it('tells cancelled and finished statuses from open ones', () => {
    expect(readStatus('Đã hủy')).toBe('cancelled');
    expect(readStatus('Công dân rút hồ sơ')).toBe('cancelled');
    expect(readStatus('Đã trả kết quả')).toBe('finished');
    expect(readStatus('Hoàn thành')).toBe('finished');
    expect(readStatus('Chưa có kết quả')).toBe('open');
    expect(readStatus('Đang xử lý')).toBe('open');
    expect(readStatus(null)).toBe('open');
  });

  it('cleans identifying texts', () => {
    expect(readText('  Phòng\u00a0 Tư pháp ')).toBe('Phòng Tư pháp');
    expect(readText('Phường Xuất Hóa'.normalize('NFD'))).toBe('Phường Xuất Hóa'.normalize('NFC'));
    expect(readText(12)).toBe('12');
    expect(readText(null)).toBe('');
  });
});

describe('dates outside the calendar the report can write', () => {
  it('a date of year 0 or past 9999 (an xlsx t="d" cell) is an unreadable date, not a crash', async () => {
    for (const d of [new Date('0000-06-01T00:00:00Z'), new Date('-000500-01-01T00:00:00Z'), new Date('+010000-01-01T00:00:00Z')]) {
      const r = readDateTime(d);
      expect(r.ok, d.toISOString()).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/^năm -?\d+ nằm ngoài lịch/);
    }
    // The edges of the calendar are still dates.
    expect(readDateTime(new Date('0001-01-01T00:00:00Z'))).toEqual(ok({ date: '0001-01-01', minutes: null }));
    expect(readDateTime(new Date('9999-12-31T08:30:00Z'))).toEqual(ok({ date: '9999-12-31', minutes: 510 }));

    // Through a whole list: the row is named as unreadable, the others are counted.
    const dir = await tempDir();
    const path = join(dir, 'nam-0.xlsx');
    const header = ['Mã hồ sơ', 'Cơ quan tiếp nhận', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả'];
    await writeHandXlsx(path, {
      sharedStrings: [...header, 'Phòng Tư pháp'],
      sheetData:
        `<row r="1">${header.map((_, i) => `<c r="${'ABCDE'[i]}1" t="s"><v>${i}</v></c>`).join('')}</row>` +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>HS-1</t></is></c><c r="B2" t="s"><v>5</v></c><c r="C2" t="d"><v>0000-06-01</v></c><c r="D2" s="1"><v>45488</v></c></row>' +
        '<row r="3"><c r="A3" t="inlineStr"><is><t>HS-2</t></is></c><c r="B3" t="s"><v>5</v></c><c r="C3" t="d"><v>2024-07-01</v></c><c r="D3" s="1"><v>45488</v></c><c r="E3" s="1"><v>45480</v></c></row>',
    });
    const result = await aggregate(path, { period: '2024-07', units: loadSample().units });
    expect(result.rowsRead).toBe(2);
    expect(result.counted).toBe(1);
    expect(result.badRows).toEqual([{ row: 2, reason: expect.stringMatching(/^Ngày tiếp nhận: năm 0 nằm ngoài lịch/) }]);
  });
});
