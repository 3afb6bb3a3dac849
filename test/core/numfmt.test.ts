import { describe, expect, it } from 'vitest';
import { formatGeneral, formatNumber, isDateFormat, isPercentFormat, roundFixed } from '../../src/core/numfmt.js';

describe('formatNumber: General', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [-7, '-7'],
    [51.91, '51.91'],
    [94.5, '94.5'],
    [0.1 + 0.2, '0.3'], // float noise never shows
    [1 / 3, '0.333333333'], // 11 characters at most
    [2 / 3, '0.666666667'],
    [-2 / 3, '-0.666666667'],
    [12345678901, '12345678901'],
    [123456789012, '1.23457E+11'],
    [1e-12, '1E-12'],
    [1308.05, '1308.05'],
  ])('%s → %s', (v, want) => {
    expect(formatNumber(v, 'General')).toBe(want);
    expect(formatGeneral(v)).toBe(want);
  });

  it('treats an empty or missing format as General', () => {
    expect(formatNumber(51.91, '')).toBe('51.91');
    expect(formatNumber(0.5, 'general')).toBe('0.5');
  });
});

describe('formatNumber: fixed decimals and thousands', () => {
  it.each([
    [5, '0', '5'],
    [2.5, '0', '3'], // half away from zero
    [-2.5, '0', '-3'],
    [2.4, '0', '2'],
    [0.5, '0.00', '0.50'],
    [2.675, '0.00', '2.68'], // 2.675 is 2.67499999… as a double; Excel rounds its 15 digits
    [1.005, '0.00', '1.01'],
    [4.66, '0.0', '4.7'],
    [7, '0.000', '7.000'],
    [1234.5, '#,##0', '1,235'],
    [1234.5, '#,##0.00', '1,234.50'],
    [-1234.5, '#,##0.00', '-1,234.50'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [999.995, '#,##0.00', '1,000.00'],
    [0, '#,##0', '0'],
    [0.5, '#.00', '.50'],
    [0, '#', ''],
    [7, '000', '007'],
    [7.25, '0.0#', '7.25'],
    [7.2, '0.0#', '7.2'],
    [5, '0.', '5.'],
    [1234567, '0,', '1235'], // trailing comma scales by 1000
    [1234567, '#,##0,,"M"', '1M'],
    [-0.001, '0.00', '-0.00'], // Excel keeps the sign of a tiny negative
  ])('%s with %s → %s', (v, fmt, want) => {
    expect(formatNumber(v, fmt)).toBe(want);
  });
});

describe('formatNumber: percentages', () => {
  it.each([
    [0.67, '0%', '67%'],
    [1, '0%', '100%'],
    [0.69, '0%', '69%'],
    [0.6655, '0%', '67%'],
    [0.6655, '0.0%', '66.6%'],
    [0.6655, '0.00%', '66.55%'],
    [0.565, '0%', '57%'], // 0.565×100 is 56.49999… in floating point; Excel shows 57%
    [0.07, '0%', '7%'],
    [-0.5, '0%', '-50%'],
    [0, '0.0%', '0.0%'],
  ])('%s with %s → %s', (v, fmt, want) => {
    expect(formatNumber(v, fmt)).toBe(want);
  });
});

describe('formatNumber: literals, units and currency', () => {
  it.each([
    [10, '0"分"', '10分'],
    [2.5, '0.0"分"', '2.5分'],
    [121, '0.00"万元"', '121.00万元'],
    [121, '0 "万元"', '121 万元'],
    [1234.5, '"¥"#,##0.00', '¥1,234.50'],
    [-5, '"¥"#,##0.00', '-¥5.00'],
    [5, '0\\分', '5分'],
    [5, '0元', '5元'], // bare CJK characters are literals
    [5, '[$¥-804]#,##0.00', '¥5.00'],
    [5, '[$-804]0.00', '5.00'],
    [99.5, 'General"分"', '99.5分'],
    [3, '"共"0"次"', '共3次'],
    [1234, '#,##0.00_);(#,##0.00)', '1,234.00 '],
    [1234, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', ' 1,234.00 '],
  ])('%s with %s → %s', (v, fmt, want) => {
    expect(formatNumber(v, fmt)).toBe(want);
  });
});

describe('formatNumber: sections and colours', () => {
  it('uses the second section for negatives, without a minus sign of its own', () => {
    expect(formatNumber(-5, '0.00;(0.00)')).toBe('(5.00)');
    expect(formatNumber(-5, '0.00;[Red](0.00)')).toBe('(5.00)');
    expect(formatNumber(-5, '0.00;[Red]-0.00')).toBe('-5.00');
    expect(formatNumber(5, '0.00;[Red](0.00)')).toBe('5.00');
  });

  it('uses the first section for zero with two sections, the third when present', () => {
    expect(formatNumber(0, '0.00;(0.00)')).toBe('0.00');
    expect(formatNumber(0, '0.00;-0.00;"-"')).toBe('-');
    expect(formatNumber(0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ')).toBe(' -   ');
  });

  it('ignores colour codes and hides values whose section is empty', () => {
    expect(formatNumber(5, '[Red]0.0')).toBe('5.0');
    expect(formatNumber(5, '[Color10]0')).toBe('5');
    expect(formatNumber(5, '0;;')).toBe('5');
    expect(formatNumber(-5, '0;;')).toBe('');
  });

  it('honours simple conditions', () => {
    expect(formatNumber(150, '[>=100]0"+";0')).toBe('150+');
    expect(formatNumber(50, '[>=100]0"+";0')).toBe('50');
  });

  it('keeps semicolons inside quotes out of the section split', () => {
    expect(formatNumber(5, '0";"')).toBe('5;');
    expect(formatNumber(-5, '0";";0')).toBe('5');
  });
});

describe('formatNumber: text, scientific, dates and junk', () => {
  it('shows a number under @ as General', () => {
    expect(formatNumber(12, '@')).toBe('12');
    expect(formatNumber(51.91, '@')).toBe('51.91');
  });

  it('renders scientific formats', () => {
    expect(formatNumber(12345, '0.00E+00')).toBe('1.23E+04');
    expect(formatNumber(0.00012, '0.0E+0')).toBe('1.2E-4');
    expect(formatNumber(0.00012, '0.0E-0')).toBe('1.2E-4');
    expect(formatNumber(12345, '0.0E-0')).toBe('1.2E4');
  });

  it('falls back to General for dates, times and fractions', () => {
    expect(formatNumber(45292, 'yyyy-mm-dd')).toBe('45292');
    expect(formatNumber(45292.5, 'yyyy"年"m"月"d"日"')).toBe('45292.5');
    expect(formatNumber(0.5, 'h:mm AM/PM')).toBe('0.5');
    expect(formatNumber(1.25, '[h]:mm')).toBe('1.25');
    expect(formatNumber(3.5, '# ?/?')).toBe('3.5');
    expect(formatNumber(1 / 3, 'mm-dd-yy')).toBe('0.333333333');
  });

  it('never throws on malformed formats or odd values', () => {
    for (const fmt of ['"unterminated', '[Red', '0.0.0', ';;;;', '\\', '_', '*', '[>abc]0', '###', 'E+', '%%']) {
      expect(() => formatNumber(12.5, fmt)).not.toThrow();
      expect(typeof formatNumber(-12.5, fmt)).toBe('string');
    }
    expect(formatNumber(Number.NaN, '0')).toBe('NaN');
    expect(formatNumber(Number.POSITIVE_INFINITY, '0.00')).toBe('Infinity');
  });

  it('handles %% (two percent signs) as ×10000', () => {
    expect(formatNumber(0.0123, '0%%')).toBe('123%%');
  });
});

describe('isPercentFormat / isDateFormat', () => {
  it('recognises percent formats by an unquoted % in the first section', () => {
    expect(isPercentFormat('0%')).toBe(true);
    expect(isPercentFormat('0.00%')).toBe(true);
    expect(isPercentFormat('[Red]0.0%;-0.0%')).toBe(true);
    expect(isPercentFormat('0.00"%"')).toBe(false);
    expect(isPercentFormat('0\\%')).toBe(false);
    expect(isPercentFormat('General')).toBe(false);
    expect(isPercentFormat('')).toBe(false);
    expect(isPercentFormat('@')).toBe(false);
  });

  it('recognises date and time formats, not literals that happen to contain d or m', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('m/d/yy')).toBe(true);
    expect(isDateFormat('h:mm:ss')).toBe(true);
    expect(isDateFormat('[h]:mm')).toBe(true);
    expect(isDateFormat('0.00"mm"')).toBe(false);
    expect(isDateFormat('0%')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat('0.00E+00')).toBe(false);
  });
});

describe('roundFixed', () => {
  it('rounds the 15 significant digits half away from zero', () => {
    expect(roundFixed(2.675, 2)).toBe('2.68');
    expect(roundFixed(1.005, 2)).toBe('1.01');
    expect(roundFixed(9.5, 0)).toBe('10');
    expect(roundFixed(0.05, 1)).toBe('0.1');
    expect(roundFixed(999.995, 2)).toBe('1000.00');
    expect(roundFixed(0.000123456, 3)).toBe('0.000');
    expect(roundFixed(0.000123456, 6)).toBe('0.000123');
    expect(roundFixed(123.456, 0)).toBe('123');
    expect(roundFixed(0, 2)).toBe('0.00');
  });

  it('shifts by powers of ten exactly', () => {
    expect(roundFixed(0.565, 0, 2)).toBe('57');
    expect(roundFixed(0.6655, 2, 2)).toBe('66.55');
    expect(roundFixed(1234567, 0, -3)).toBe('1235');
  });

  it('handles magnitudes beyond the float fast path', () => {
    expect(roundFixed(1e21, 2)).toBe('1000000000000000000000.00');
    expect(roundFixed(123456789012.345, 2)).toBe('123456789012.35');
  });
});

describe('formatNumber: literals between integer placeholders', () => {
  it('spreads the digits over the placeholders right to left', () => {
    expect(formatNumber(5, '0";"0')).toBe('0;5');
    expect(formatNumber(1234567, '000-0000')).toBe('123-4567');
    expect(formatNumber(12345678, '000-0000')).toBe('1234-5678');
    expect(formatNumber(42, '#-#')).toBe('4-2');
  });
});
