/*
 * Change history you can trust: each mutation row keeps the before -> after values of what
 * it changed (read from AWS when the change was planned), and real changes can be listed
 * apart from dry-runs, newest first, a page at a time (keyset on started_at, id).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('platform_ops_mutations', table => {
    table.text('changes'); // JSON [{ field, before, after }]
    table.index(['target_ref', 'dry_run', 'started_at', 'id'], 'platform_ops_mutations_history_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('platform_ops_mutations', table => {
    table.dropIndex(['target_ref', 'dry_run', 'started_at', 'id'], 'platform_ops_mutations_history_idx');
    table.dropColumn('changes');
  });
};
