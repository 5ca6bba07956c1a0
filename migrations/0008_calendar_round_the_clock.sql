ALTER TABLE `business_calendars` ADD `round_the_clock` integer;--> statement-breakpoint
ALTER TABLE `business_calendars` ADD `make_up_hours_of` text;