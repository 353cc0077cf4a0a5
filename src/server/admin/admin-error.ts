/** A refusal the admin can fix (bad input, a name already taken); the CLI prints only the message. */
export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminError';
  }
}
