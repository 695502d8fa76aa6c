// Apart from the strength estimator, so the password forms (client components) can say the rule
// without shipping zxcvbn's dictionaries to the browser.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
