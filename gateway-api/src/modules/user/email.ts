// E-mail addresses as accounts are keyed: case and surrounding spaces do not make another account.
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
