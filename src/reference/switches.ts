/**
 * Named switches turned on for one server instance (faults, variations). A
 * branch tests a switch through its definition, never a bare name, so it
 * names only a declared switch. Kept apart from faults.ts, which imports
 * every module that declares a fault: those modules need this class without
 * importing that list back.
 */
export class Switches<N extends string> {
  private readonly names: ReadonlySet<N>;

  constructor(names: readonly N[]) {
    this.names = new Set(names);
  }

  has(definition: { readonly name: N }): boolean {
    return this.names.has(definition.name);
  }

  list(): N[] {
    return [...this.names];
  }
}
