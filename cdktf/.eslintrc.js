module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Constructs register themselves with their scope on creation: `new Vpc(this, ...)` for
    // its side effect is the CDK idiom, not a mistake.
    'no-new': 'off',
  },
});
