/*
 * When a backend replica takes over a runbook execution whose lease expired (its replica
 * died, stalled or lost the database), the execution view shows it to the operator: who took
 * over, when, which step was in progress, and that AWS was read again before continuing.
 * One row per takeover; the log line stays for the raw trail.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_ops_runbook_takeovers', table => {
    table.increments('id');
    table.string('execution_id').notNullable().index();
    table.string('replica').notNullable();
    table.string('previous_replica').notNullable();
    /** Database-clock epoch ms: when the previous replica's lease ran out, and when this one took over. */
    table.bigInteger('lease_expired_at').notNullable();
    table.bigInteger('at').notNullable();
    table.integer('lease_epoch').notNullable();
    /** JSON array of the ids of the steps that were in progress at the takeover. */
    table.text('interrupted_steps').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_ops_runbook_takeovers');
};
