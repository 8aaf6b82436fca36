/*
 * Cost cache: Cost Explorer is billed per request ($0.01 each) and its data changes a few
 * times a day, so every answer (Cost Explorer, Budgets, and the CloudWatch job counts used for
 * cost per job) is stored here with an expiry. Viewers read this table; only a missing or
 * expired row causes an AWS call, so the number of calls does not grow with the viewers and
 * survives restarts and is shared by backend replicas.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_ops_cost_cache', table => {
    // sha256 of the operation, account and exact command input (see costs/CostCacheStore.ts).
    table.string('key', 64).primary();
    // e.g. CostExplorer.GetCostAndUsage: lets an operator see what is cached, and purge it.
    table.string('operation', 100).notNullable();
    table.string('account_id', 12).notNullable();
    // The exact command input, kept so the scheduled refresh can replay the query.
    table.text('request').notNullable();
    table.text('body').notNullable();
    table.timestamp('fetched_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.index(['expires_at'], 'platform_ops_cost_cache_expires_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_ops_cost_cache');
};
