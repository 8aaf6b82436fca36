/*
 * One simulated world per backend database (issue #11): the genesis of the world (seed,
 * origin, the inventory it was seeded from) and the ordered log of the events that changed
 * it (accepted mutating calls, clock advances, fault changes, environments added). Every
 * replica replays the log into its in-memory world, so replicas sharing this database answer
 * from the same simulated account.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_ops_simulator_world', table => {
    table.integer('id').primary();
    table.text('genesis').notNullable();
  });
  await knex.schema.createTable('platform_ops_simulator_events', table => {
    table.bigInteger('seq').primary();
    table.string('kind', 32).notNullable();
    table.bigInteger('at').notNullable();
    table.text('payload').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_ops_simulator_events');
  await knex.schema.dropTable('platform_ops_simulator_world');
};
