// What of a user the API reads for others to see.

/** The columns of a user that may leave the service (never passwordHash or throttling state). */
export const PUBLIC_USER_SELECT = { id: true, name: true, email: true } as const;
