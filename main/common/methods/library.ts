// The library provider's methods (filled in by its issue).
export const libraryMethods = {} as const;
