import { cnMainlandDays, officeHoursCalendar, withHolidays } from '../../src/sla/index';

/** Office hours in Shanghai with the 2026 mainland holidays and 调休 days core ships. */
export const cn2026 = withHolidays(officeHoursCalendar, cnMainlandDays([2026]));
