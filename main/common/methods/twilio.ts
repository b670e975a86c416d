// The twilio provider's methods (filled in by its issue).
export const twilioMethods = {} as const;
