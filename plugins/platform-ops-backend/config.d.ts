export interface Config {
  /** Configuration of the Platform Ops plugins. */
  platformOps?: {
    inventory?: {
      /** Seconds an inventory read from the catalog is reused (default 15). */
      cacheSeconds?: number;
    };
  };
}
