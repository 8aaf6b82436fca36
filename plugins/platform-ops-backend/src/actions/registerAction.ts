import { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { z } from 'zod';

/** One Platform Ops tool, typed with this package's zod. */
export interface PlatformOpsAction<I extends z.AnyZodObject, O extends z.AnyZodObject> {
  name: string;
  title: string;
  description: string;
  attributes: { readOnly: boolean; destructive: boolean; idempotent: boolean };
  schema: { input: (zod: typeof z) => I; output: (zod: typeof z) => O };
  action: (context: {
    input: z.infer<I>;
    credentials: BackstageCredentials;
    logger: LoggerService;
  }) => Promise<{ output: z.infer<O> }>;
}

type RegistryOptions = Parameters<ActionsRegistryService['register']>[0];

/**
 * Registers a tool with the actions registry. The registry is typed with its own zod copy (zod
 * 4's v3 API) and this package with zod 3: both have the v3 runtime API the registry calls
 * (safeParse, zod-to-json-schema), but letting tsc compare the two copies' types structurally
 * runs it out of memory. So the schemas are built with our zod and cross over once, here.
 */
export function registerAction<I extends z.AnyZodObject, O extends z.AnyZodObject>(
  registry: ActionsRegistryService,
  action: PlatformOpsAction<I, O>,
): void {
  const input = action.schema.input(z);
  const output = action.schema.output(z);
  const options = {
    name: action.name,
    title: action.title,
    description: action.description,
    attributes: action.attributes,
    schema: { input: () => input, output: () => output },
    // The registry has parsed the input with `input` before calling this.
    action: (context: { input: unknown; credentials: BackstageCredentials; logger: LoggerService }) =>
      action.action({ ...context, input: context.input as z.infer<I> }),
  };
  registry.register(options as unknown as RegistryOptions);
}
