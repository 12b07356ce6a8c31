/**
 * How many own numbers a user may declare (a person has a few lines, not a switchboard). Its own module, with no
 * imports: the settings schema (PWA shell, no libphonenumber) and the parser (which needs it) both read it.
 */
export const MAX_MY_NUMBERS = 10;
