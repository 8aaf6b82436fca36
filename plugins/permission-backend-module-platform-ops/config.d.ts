export interface Config {
  platformOps?: {
    permissions?: {
      /**
       * Users or groups (entity refs, e.g. group:default/platform-admins) allowed to inject
       * faults into and move the clock of the simulated AWS account. Empty: nobody.
       */
      simulatorAdmins?: string[];
    };
  };
}
