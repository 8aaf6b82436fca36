/*
 * Mutations: every change made through Platform Ops (fleet scaling, policies, redrives,
 * runbook starts...). One row per idempotency key: the same key returns the same result and
 * never acts twice. The table is also the change history shown on entity cards and the
 * product's own audit trail (the auditor service gets the same events).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_ops_mutations', table => {
    table.string('id', 36).primary();
    table.string('idempotency_key', 200).notNullable().unique();
    table.string('action', 100).notNullable();
    table.string('target_ref', 255).notNullable();
    table.string('actor', 255).notNullable();
    table.text('reason').notNullable();
    table.boolean('dry_run').notNullable().defaultTo(false);
    table.text('input').notNullable();
    table.text('plan');
    table.string('status', 20).notNullable();
    table.text('result');
    table.text('error');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true });
    table.index(['target_ref', 'started_at'], 'platform_ops_mutations_target_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_ops_mutations');
};
