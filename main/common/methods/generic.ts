// The generic provider's methods (filled in by its issue).
export const genericMethods = {} as const;
