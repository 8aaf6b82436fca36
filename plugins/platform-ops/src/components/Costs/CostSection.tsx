import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { ReactNode } from 'react';
import { DataAge } from './DataAge';

/** One panel of the Costs view: its own loading and error state, and the age of its data. */
export function CostSection<T extends { fetchedAt: string }>(props: {
  title: string;
  state: { value?: T; loading: boolean; error?: Error };
  children: (value: T) => ReactNode;
}) {
  const { value, loading, error } = props.state;
  return (
    <InfoCard
      title={props.title}
      subheader={value ? <DataAge fetchedAt={value.fetchedAt} /> : undefined}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {!loading && !error && value && props.children(value)}
    </InfoCard>
  );
}
