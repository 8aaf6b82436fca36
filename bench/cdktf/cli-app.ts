// The app `cdktf synth` runs in its child process: the same stacks synthesize() builds,
// through a plain App() whose outdir the CLI sets via CDKTF_OUTDIR.
import { App } from 'cdktf';
import { resolveSpec } from '../../cdktf/src/spec/resolve';
import { parseSpec } from '../../cdktf/src/spec/validate';
import { buildStacks } from '../../cdktf/src/synth/cdktf-generator';
import { BENCH_SPEC } from './spec';

const app = new App();
buildStacks(app, resolveSpec(parseSpec(BENCH_SPEC)));
app.synth();
