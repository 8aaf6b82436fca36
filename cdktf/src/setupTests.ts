// CDKTF's Jest matchers (toHaveResourceWithProperties, ...) for every test in the package.
import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';

Testing.setupJest();
