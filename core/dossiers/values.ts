// Reading the values of one dossier row: dates and date-times in every form exports use, channel, fee, payment form, rating and status.
import { addDays, daysInMonth, excelSerialToIso, parseViDateTime, toIsoDate } from '../text/dates';
import { parseViNumber } from '../text/numbers';
import { cleanText, fold, isRawError, rawText, type RawValue } from '../xlsx/cells';

/** A calendar date with an optional time of day (minutes since midnight; null when the source gave none). */
export interface DateTime {
  date: string;
  minutes: number | null;
}

/** A value read, a blank, or a reason (Vietnamese) why it could not be read. */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const BLANK: Read<null> = { ok: true, value: null };

function isBlank(v: RawValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') {
    if (v.length === 0) return true;
    const t = v.trim();
    return t === '' || t === '-' || t === '–';
  }
  return false;
}

function shown(v: RawValue | undefined): string {
  return rawText(v ?? null);
}

/** The digit at position i of s (0–9), or -1. */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two digits at i, i+1 as a number, or -1. */
function twoDigits(s: string, i: number): number {
  const a = digitAt(s, i);
  const b = digitAt(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** ISO strings of recent days, cached: a list has few distinct days and many rows. */
const isoCache = new Map<number, string>();

function isoOf(year: number, month: number, day: number): string {
  const key = year * 10000 + month * 100 + day;
  let iso = isoCache.get(key);
  if (iso === undefined) {
    iso = toIsoDate(year, month, day);
    if (isoCache.size > 100_000) isoCache.clear();
    isoCache.set(key, iso);
  }
  return iso;
}

const MS_PER_DAY = 86_400_000;
/** 0001-01-01T00:00Z and the last millisecond of 9999-12-31 (UTC): the years a date in the report can have. */
const FIRST_DAY_MS = -62_135_596_800_000;
const LAST_DAY_END_MS = 253_402_300_799_999;

/** The ISO date of a day counted from 1970-01-01 (UTC), cached like isoOf. */
const dayCache = new Map<number, string>();

function isoOfDay(day: number): string {
  let iso = dayCache.get(day);
  if (iso === undefined) {
    iso = addDays('1970-01-01', day);
    if (dayCache.size > 100_000) dayCache.clear();
    dayCache.set(day, iso);
  }
  return iso;
}

/** Fast path for the commonest text form "dd/MM/yyyy" or "dd/MM/yyyy HH:mm[:ss]" (ASCII only); null if not that shape. */
function quickDateTime(s: string): DateTime | null {
  const n = s.length;
  if (n !== 10 && n !== 16 && n !== 19) return null;
  if (s.charCodeAt(2) !== 47 || s.charCodeAt(5) !== 47) return null;
  const day = twoDigits(s, 0);
  const month = twoDigits(s, 3);
  const century = twoDigits(s, 6);
  const yy = twoDigits(s, 8);
  if (day < 1 || month < 1 || month > 12 || century < 19 || yy < 0) return null;
  const year = century * 100 + yy;
  if (day > daysInMonth(year, month)) return null;
  const date = isoOf(year, month, day);
  if (n === 10) return { date, minutes: null };
  if (s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58) return null;
  const h = twoDigits(s, 11);
  const m = twoDigits(s, 14);
  if (h < 0 || h > 23 || m < 0 || m > 59) return null;
  if (n === 19) {
    const sec = twoDigits(s, 17);
    if (s.charCodeAt(16) !== 58 || sec < 0 || sec > 59) return null;
  }
  return { date, minutes: h * 60 + m };
}

/**
 * A date or date-time in any form a dossier list uses: an Excel date cell (Date at UTC), an Excel serial number
 * (a date column without a date format), text "dd/MM/yyyy" with or without "HH:mm[:ss]", ISO "yyyy-mm-dd" (with
 * "THH:mm" too). An Excel date at midnight carries no time (minutes null), since exports write plain dates so.
 */
export function readDateTime(v: RawValue | undefined): Read<DateTime | null> {
  const r = dateTimeValue(v);
  return r instanceof Unreadable ? { ok: false, reason: r.reason } : { ok: true, value: r };
}

/** Why a value could not be read; an object of its own, so that it can never be taken for a value. */
export class Unreadable {
  constructor(readonly reason: string) {}
}

/** readDateTime without the result wrapper (the aggregator's hot path): a DateTime, null for a blank, or Unreadable. */
export function dateTimeValue(v: RawValue | undefined): DateTime | null | Unreadable {
  if (isBlank(v)) return null;
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) return new Unreadable('ngày không hợp lệ');
    // An xlsx date cell (t="d") can hold any year; the report's dates are years 1 to 9999.
    if (t < FIRST_DAY_MS || t > LAST_DAY_END_MS) return new Unreadable(`năm ${v.getUTCFullYear()} nằm ngoài lịch (từ năm 1 đến năm 9999)`);
    // From the time value itself (a list has two or three dates a row): the day's number, then the time of day.
    const day = Math.floor(t / MS_PER_DAY);
    const ms = t - day * MS_PER_DAY;
    const minutes = Math.floor(ms / 60_000);
    return { date: isoOfDay(day), minutes: minutes === 0 && ms < 1000 ? null : minutes };
  }
  if (typeof v === 'number') {
    // A plain number in a date column: an Excel serial between 1/1/1990 and 31/12/2099.
    if (v >= 32874 && v < 73051) {
      const { date, minutes } = excelSerialToIso(v);
      return { date, minutes: v === Math.floor(v) ? null : minutes };
    }
    return new Unreadable(`“${shown(v)}” không phải là ngày`);
  }
  if (typeof v === 'string') {
    const quick = quickDateTime(v.length === 10 || v.length === 16 || v.length === 19 ? v : v.trim());
    if (quick) return quick;
    const parsed = parseViDateTime(v);
    if (parsed) return parsed;
    return new Unreadable(`“${cleanText(v)}” không phải là ngày (cần dạng dd/MM/yyyy hoặc dd/MM/yyyy HH:mm)`);
  }
  return new Unreadable(`“${shown(v)}” không phải là ngày`);
}

/** Submission channel: 1 direct, 2 online, 3 public postal service (domain.md §8). */
export type Channel = 1 | 2 | 3;

const channelCache = new Map<string, Read<Channel | null>>();

function channelOfText(text: string): Read<Channel | null> {
  const f = fold(text);
  if (f === '') return BLANK;
  if (f === '1' || f === '2' || f === '3') return { ok: true, value: Number(f) as Channel };
  const has = (p: string) => ` ${f} `.includes(` ${p} `);
  if (has('truc tuyen') || has('online') || has('qua mang') || has('dvc') || has('dich vu cong') || has('cong dich vu cong') || has('dvctt') || has('mot phan') || has('toan trinh')) {
    return { ok: true, value: 2 };
  }
  if (has('buu chinh') || has('bcci') || has('buu dien') || has('qua buu dien')) return { ok: true, value: 3 };
  if (has('truc tiep') || has('tai quay') || has('tai bo phan mot cua') || has('mot cua') || has('offline') || has('nop truc tiep')) {
    return { ok: true, value: 1 };
  }
  return { ok: false, reason: `không rõ hình thức nộp “${cleanText(text)}” (cần Trực tiếp, Trực tuyến, Bưu chính công ích hoặc 1, 2, 3)` };
}

/** Channel as text ("Trực tuyến", "Nộp trực tiếp", "Bưu chính công ích") or code (1, 2, 3); blank → null. */
export function readChannel(v: RawValue | undefined): Read<Channel | null> {
  if (isBlank(v)) return BLANK;
  if (typeof v === 'number') {
    return v === 1 || v === 2 || v === 3 ? { ok: true, value: v } : { ok: false, reason: `mã hình thức nộp “${shown(v)}” không có (cần 1, 2 hoặc 3)` };
  }
  if (typeof v !== 'string') return { ok: false, reason: `không rõ hình thức nộp “${shown(v)}”` };
  let r = channelCache.get(v);
  if (!r) {
    r = channelOfText(v);
    if (channelCache.size > 10_000) channelCache.clear();
    channelCache.set(v, r);
  }
  return r;
}

/** Fee amount in đồng: numbers, "50.000", "50.000 đ", "50,000 VNĐ"; "Không", "Miễn phí", "0" and blank → 0. */
export function readFee(v: RawValue | undefined): Read<number> {
  const r = feeValue(v);
  return r instanceof Unreadable ? { ok: false, reason: r.reason } : { ok: true, value: r };
}

const feeCache = new Map<string, number | Unreadable>();

function feeOfText(v: string): number | Unreadable {
  const f = fold(v);
  if (f === 'khong' || f === 'mien phi' || f === 'khong thu phi' || f === 'khong co' || f === 'mien') return 0;
  const body = cleanText(v).replace(/\s*(?:đồng|đ|vnđ|vnd|₫)\.?$/i, '');
  const n = parseViNumber(body);
  if (n.ok && !n.percent && n.value >= 0) return n.value;
  return new Unreadable(`phí, lệ phí “${cleanText(v)}” không phải là số tiền`);
}

/** readFee without the result wrapper: the amount, or Unreadable. */
export function feeValue(v: RawValue | undefined): number | Unreadable {
  if (isBlank(v)) return 0;
  if (typeof v === 'number') return v >= 0 && Number.isFinite(v) ? v : new Unreadable(`phí “${shown(v)}” không hợp lệ`);
  if (typeof v === 'string') {
    let r = feeCache.get(v);
    if (r === undefined) {
      r = feeOfText(v);
      if (feeCache.size > 10_000) feeCache.clear();
      feeCache.set(v, r);
    }
    return r;
  }
  return new Unreadable(`phí, lệ phí “${shown(v)}” không phải là số tiền`);
}

const paymentCache = new Map<string, Read<boolean | null>>();

function paymentOfText(text: string): Read<boolean | null> {
  const f = fold(text);
  if (f === '') return BLANK;
  const yes = ['co', 'x', 'v', 'yes', 'true', '1', 'da thanh toan', 'da thanh toan truc tuyen', 'thanh toan truc tuyen', 'truc tuyen', 'online', 'qua cong dvc', 'qua cong dich vu cong'];
  const no = ['khong', 'no', 'false', '0', 'chua', 'chua thanh toan', 'truc tiep', 'tien mat', 'tai quay', 'thanh toan truc tiep', 'khac', 'hinh thuc khac'];
  if (yes.includes(f) || f.startsWith('da thanh toan truc tuyen') || f.startsWith('thanh toan truc tuyen')) return { ok: true, value: true };
  if (no.includes(f) || f.startsWith('chua thanh toan') || f.startsWith('khong thanh toan') || f.startsWith('thanh toan truc tiep')) return { ok: true, value: false };
  if (` ${f} `.includes(' truc tuyen ') || ` ${f} `.includes(' payment platform ') || ` ${f} `.includes(' paygov ')) return { ok: true, value: true };
  return { ok: false, reason: `không rõ thanh toán trực tuyến hay không: “${cleanText(text)}”` };
}

/** Paid online: booleans, 1/0, "Có"/"Không", "x", "Đã thanh toán trực tuyến", a payment form "Trực tuyến"/"Trực tiếp"; blank → null. */
export function readPayment(v: RawValue | undefined): Read<boolean | null> {
  if (isBlank(v)) return BLANK;
  if (typeof v === 'boolean') return { ok: true, value: v };
  if (typeof v === 'number') return v === 1 || v === 0 ? { ok: true, value: v === 1 } : { ok: false, reason: `không rõ thanh toán trực tuyến “${shown(v)}”` };
  if (typeof v !== 'string') return { ok: false, reason: `không rõ thanh toán trực tuyến “${shown(v)}”` };
  let r = paymentCache.get(v);
  if (!r) {
    r = paymentOfText(v);
    if (paymentCache.size > 10_000) paymentCache.clear();
    paymentCache.set(v, r);
  }
  return r;
}

/** A rating: 'very' Rất hài lòng, 'satisfied' Hài lòng, 'neutral' (Bình thường, Chấp nhận được), 'unsatisfied' Không hài lòng. */
export type Rating = 'very' | 'satisfied' | 'neutral' | 'unsatisfied';

const ratingCache = new Map<string, Read<Rating | null>>();

function ratingOfText(text: string): Read<Rating | null> {
  const f = fold(text);
  if (f === '' || f === 'chua danh gia' || f === 'khong danh gia' || f === 'chua co danh gia') return BLANK;
  if (f.includes('khong hai long') || f === 'chua hai long') return { ok: true, value: 'unsatisfied' };
  if (f.includes('rat hai long')) return { ok: true, value: 'very' };
  if (f.includes('hai long')) return { ok: true, value: 'satisfied' };
  if (f.includes('binh thuong') || f.includes('chap nhan duoc') || f.includes('tam duoc')) return { ok: true, value: 'neutral' };
  return { ok: false, reason: `không rõ đánh giá “${cleanText(text)}” (cần Rất hài lòng, Hài lòng hoặc Không hài lòng)` };
}

/** A rating as text; "Chưa đánh giá" and blank → null (not rated). */
export function readRating(v: RawValue | undefined): Read<Rating | null> {
  if (isBlank(v)) return BLANK;
  if (typeof v !== 'string') return { ok: false, reason: `không rõ đánh giá “${shown(v)}”` };
  let r = ratingCache.get(v);
  if (!r) {
    r = ratingOfText(v);
    if (ratingCache.size > 10_000) ratingCache.clear();
    ratingCache.set(v, r);
  }
  return r;
}

/** What a status says: 'cancelled' (huỷ, rút: not counted), 'finished' (has a result), 'open' (anything else). */
export type StatusKind = 'cancelled' | 'finished' | 'open';

const statusCache = new Map<string, StatusKind>();

function statusOfText(text: string): StatusKind {
  const f = ` ${fold(text)} `;
  if (f.includes(' huy ') || f.includes(' rut ho so ') || f.includes(' da rut ') || f.includes(' cong dan rut ') || f.includes(' rut ')) return 'cancelled';
  if (
    f.includes(' da tra ket qua ') ||
    f.includes(' da tra ') ||
    f.includes(' hoan thanh ') ||
    f.includes(' da co ket qua ') ||
    f.includes(' co ket qua ') ||
    f.includes(' da giai quyet ') ||
    f.includes(' da xu ly xong ') ||
    f.includes(' ket thuc ')
  ) {
    return f.includes(' chua ') ? 'open' : 'finished';
  }
  return 'open';
}

/** The kind of a status text; blank and unknown statuses are 'open' (the finish date decides). */
export function readStatus(v: RawValue | undefined): StatusKind {
  if (isBlank(v) || typeof v !== 'string' || isRawError(v)) return 'open';
  let r = statusCache.get(v);
  if (!r) {
    r = statusOfText(v);
    if (statusCache.size > 10_000) statusCache.clear();
    statusCache.set(v, r);
  }
  return r;
}

/** Text of an identifying value (code, procedure, unit) for messages and the overdue list. */
export function readText(v: RawValue | undefined): string {
  if (isBlank(v)) return '';
  if (typeof v !== 'string') return shown(v);
  let t = textCache.get(v);
  if (t === undefined) {
    t = cleanText(v);
    if (textCache.size > 10_000) textCache.clear();
    textCache.set(v, t);
  }
  return t;
}

/** Cleaned texts of repeated values (unit names, procedures), so a million rows clean each spelling once. */
const textCache = new Map<string, string>();
