/*
 * Mainland-China public holidays and 调休 make-up working days, by year.
 *
 * Source: the State Council General Office (国务院办公厅) notice on the arrangement of public
 * holidays for each year (《国务院办公厅关于20XX年部分节假日安排的通知》), published each
 * autumn for the following year.
 *
 * - 2026: from the notice for 2026. Cross-checked date by date against the npm package
 *   `chinese-days` 1.5.7 (github.com/vsme/chinese-days, MIT), which transcribes the same
 *   notices; both agree. The package is not a dependency: it bundles lunar and solar-term
 *   data core does not need, and SLA calendars store their days as plain data anyway.
 * - 2027: NOT INCLUDED. No official 2027 arrangement was available when this file was written
 *   (chinese-days 1.5.7 stops at 2026). Dates are not guessed: the lunar holidays move and the
 *   make-up days are a State Council decision. Add the year here once the notice is out;
 *   until then tenants add 2027 days to their calendars through the API.
 */

export interface HolidayYear {
  /** Closed although the weekday would work. */
  holidays: readonly string[];
  /** 调休: working although it is a weekend. */
  makeUpDays: readonly string[];
}

const range = (from: string, days: number): string[] =>
  Array.from({ length: days }, (_, i) => {
    const d = new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000);
    return d.toISOString().slice(0, 10);
  });

export const cnMainlandHolidays: Readonly<Record<number, HolidayYear>> = {
  2026: {
    holidays: [
      ...range('2026-01-01', 3), // 元旦 New Year
      ...range('2026-02-15', 9), // 春节 Spring Festival
      ...range('2026-04-04', 3), // 清明 Qingming
      ...range('2026-05-01', 5), // 劳动节 Labour Day
      ...range('2026-06-19', 3), // 端午 Dragon Boat
      ...range('2026-09-25', 3), // 中秋 Mid-Autumn
      ...range('2026-10-01', 7), // 国庆 National Day
    ],
    makeUpDays: [
      '2026-01-04', // Sunday, for New Year
      '2026-02-14', // Saturday, for Spring Festival
      '2026-02-28', // Saturday, for Spring Festival
      '2026-05-09', // Saturday, for Labour Day
      '2026-09-20', // Sunday, for National Day
      '2026-10-10', // Saturday, for National Day
    ],
  },
};

/** The years this file covers; a year outside it has no official data here. */
export const cnMainlandYears: readonly number[] = Object.keys(cnMainlandHolidays).map(Number);

/** The holidays and make-up days of the given years (only the covered ones), for `withHolidays`. */
export function cnMainlandDays(years: readonly number[] = cnMainlandYears): HolidayYear {
  const picked = years.flatMap((y) => {
    const year = cnMainlandHolidays[y];
    return year ? [year] : [];
  });
  return {
    holidays: picked.flatMap((y) => y.holidays),
    makeUpDays: picked.flatMap((y) => y.makeUpDays),
  };
}

/**
 * A year without official data falls back to plain weekends: `cnMainlandDays` adds nothing for
 * it, so Monday to Friday work (New Year's Day and the Spring Festival included) until someone
 * enters the days. This names that gap so the tenant admin can be told instead of finding out
 * from a due time: the years, of this one and (from December, when the next notice is usually
 * out) the next, that neither this file nor the calendar's own days cover. A calendar covers a
 * year once it holds any holiday or make-up day of that year. `today` is the local date
 * (YYYY-MM-DD); time is an input.
 */
export function holidayYearsMissing(
  calendar: { holidays: readonly string[]; makeUpDays: readonly (string | { date: string })[] },
  today: string,
  covered: readonly number[] = cnMainlandYears,
): number[] {
  const year = Number(today.slice(0, 4));
  const years = today.slice(5, 7) === '12' ? [year, year + 1] : [year];
  const own = new Set(
    [...calendar.holidays, ...calendar.makeUpDays.map((d) => (typeof d === 'string' ? d : d.date))].map((d) =>
      Number(d.slice(0, 4)),
    ),
  );
  return years.filter((y) => !covered.includes(y) && !own.has(y));
}
