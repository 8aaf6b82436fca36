import { Table, TableColumn } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { ViewProblems } from './ViewProblems';
import { AnomalyReport } from '@platformops/plugin-platform-ops-common';
import { money, serviceLabel, shortDay } from './format';

interface Row {
  id: string;
  when: string;
  what: string;
  impact: string;
  source: string;
  rootCauses: string;
}

/** Cost Anomaly Detection findings and the > 20 % increase signals, largest impact first. */
export function anomalyRows(report: AnomalyReport): Row[] {
  const anomalies = report.anomalies.map(a => ({
    id: a.id,
    when: a.startDate
      ? `${shortDay(a.startDate)}${
          a.endDate && a.endDate !== a.startDate
            ? ` - ${shortDay(a.endDate)}`
            : ''
        }`
      : '',
    what: a.dimensionValue ? serviceLabel(a.dimensionValue) : 'anomaly',
    impact: `${money(a.totalImpact, a.currency)}${
      a.totalImpactPercentage !== undefined
        ? ` (+${a.totalImpactPercentage} %)`
        : ''
    }`,
    source: 'Cost Anomaly Detection',
    rootCauses: a.rootCauses
      .map(
        r =>
          [
            r.service && serviceLabel(r.service),
            r.usageType,
            r.region,
            r.linkedAccountName ?? r.linkedAccount,
          ]
            .filter(Boolean)
            .join(' / ') +
          (r.contribution !== undefined
            ? ` (${money(r.contribution, a.currency)})`
            : ''),
      )
      .join('; '),
  }));
  const increases = report.increases.map(i => ({
    id: `${i.date}-${i.subject}`,
    when: shortDay(i.date),
    what: i.subject === 'total' ? 'total spend' : serviceLabel(i.subject),
    impact: `${money(i.amount, i.currency)} vs ${money(
      i.baseline,
      i.currency,
    )} a day (+${i.increasePercent} %)`,
    source: `> ${report.thresholdPercent} % over the previous 7 days`,
    rootCauses: '',
  }));
  return [...anomalies, ...increases];
}

const columns: TableColumn<Row>[] = [
  { title: 'When', field: 'when' },
  { title: 'What', field: 'what' },
  { title: 'Impact', field: 'impact' },
  { title: 'Root causes', field: 'rootCauses' },
  { title: 'Signal', field: 'source' },
];

export const AnomaliesList = ({ report }: { report: AnomalyReport }) => {
  const rows = anomalyRows(report);
  const problems = <ViewProblems problems={report.problems ?? []} />;
  if (rows.length === 0) {
    return (
      <>
        {problems}
        <Typography variant="body2">
          No cost anomalies in the last 90 days, and no day more than{' '}
          {report.thresholdPercent} % above the previous week.
        </Typography>
      </>
    );
  }
  return (
    <>
      {problems}
      <Table<Row>
        title={`Anomalies (${rows.length})`}
        options={{
          paging: rows.length > 10,
          pageSize: 10,
          search: false,
          padding: 'dense',
        }}
        columns={columns}
        data={rows}
      />
    </>
  );
};
