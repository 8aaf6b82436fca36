export interface Config {
  platformOps?: {
    scaffolder?: {
      /**
       * Directory under which `platform-ops:publish:local-git` keeps one git repository per
       * published environment (relative to the backend's working directory). Default:
       * `<os tmpdir>/platform-ops-environments`. Point a catalog file location at
       * `<dir>/*\/catalog-info.yaml` to register what templates publish there.
       */
      localPublishDir?: string;
    };
  };
}
