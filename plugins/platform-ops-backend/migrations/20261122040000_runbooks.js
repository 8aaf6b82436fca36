/*
 * DR runbooks: durable executions and their steps. Workers on any backend replica claim an
 * execution with a lease (lease_owner + lease_expires_at, taken by a conditional UPDATE), so
 * a replica that dies mid-run has its execution resumed by another once the lease expires.
 * Times are epoch milliseconds (bigint) so that SQLite and PostgreSQL compare them the same
 * way and tests can drive them with a controlled clock.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_ops_runbook_executions', table => {
    table.string('id', 36).primary();
    table.string('runbook_id', 64).notNullable();
    table.string('target_ref', 255).notNullable();
    // Set while the execution is active, NULL once it ends: the unique index is what makes
    // "one active execution per target resource" hold across replicas (NULLs never collide).
    table.string('active_target_ref', 255).nullable().unique();
    table.string('idempotency_key', 200).notNullable().unique();
    table.string('environment', 100).notNullable();
    table.string('actor', 255).notNullable();
    table.text('reason').notNullable();
    table.string('mode', 10).notNullable(); // live | drill
    table.string('status', 20).notNullable(); // queued | running | succeeded | failed | cancelled
    table.boolean('cancel_requested').notNullable().defaultTo(false);
    table.string('cancelled_by', 255);
    table.text('target').notNullable(); // resolved catalog snapshot (JSON) the steps are built from
    table.text('resolved').notNullable(); // values read at plan time (JSON)
    table.text('plan').notNullable(); // the plan shown at start (JSON)
    table.integer('rto_target_seconds');
    table.string('lease_owner', 100);
    table.bigInteger('lease_expires_at');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('started_at');
    table.bigInteger('finished_at');
    table.text('error');
    table.index(['target_ref', 'created_at'], 'platform_ops_runbook_exec_target_idx');
    table.index(['status', 'lease_expires_at'], 'platform_ops_runbook_exec_claim_idx');
  });

  await knex.schema.createTable('platform_ops_runbook_steps', table => {
    table.string('execution_id', 36).notNullable();
    table.string('step_id', 64).notNullable();
    table.integer('position').notNullable();
    table.string('kind', 20).notNullable();
    table.string('title', 255).notNullable();
    // pending | running | waiting-approval | succeeded | failed | cancelled
    table.string('status', 20).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('memo'); // state captured before acting (JSON): how a resumed step knows if it acted
    table.text('output'); // JSON
    table.text('error');
    table.string('approved_by', 255);
    table.bigInteger('started_at');
    table.bigInteger('finished_at');
    table.primary(['execution_id', 'step_id']);
  });

  await knex.schema.createTable('platform_ops_runbook_logs', table => {
    table.increments('id');
    table.string('execution_id', 36).notNullable();
    table.string('step_id', 64);
    table.string('level', 10).notNullable();
    table.text('message').notNullable();
    table.bigInteger('at').notNullable();
    table.index(['execution_id', 'id'], 'platform_ops_runbook_logs_exec_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_ops_runbook_logs');
  await knex.schema.dropTable('platform_ops_runbook_steps');
  await knex.schema.dropTable('platform_ops_runbook_executions');
};
