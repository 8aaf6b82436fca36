/*
 * Fencing for runbook executions (issue #11). Every claim of an execution increments
 * lease_epoch; the claimant's token is (lease_owner, lease_epoch). Each AWS call of a step
 * and each state write checks that token against the row, so a replica that lost its lease
 * (paused, partitioned, slow) is refused before its next call instead of acting twice.
 * lease_expires_at keeps its meaning (epoch ms) but is now written and compared with the
 * database's clock, never a replica's.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('platform_ops_runbook_executions', table => {
    table.integer('lease_epoch').notNullable().defaultTo(0);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('platform_ops_runbook_executions', table => {
    table.dropColumn('lease_epoch');
  });
};
