/** Cost: priced waste ($/month), the daily spend with its anomalies marked, and RI / Savings Plans advice. */
import { useMemo } from 'react';
import type { CostResponse, MetaResponse } from '../../server/api';
import { pathOf } from '../api';
import { Chart } from '../components/chart';
import { Async, Empty } from '../components/states';
import { Table } from '../components/table';
import { VirtualTable, type Column } from '../components/virtual-table';
import { useApi } from '../hooks';

type WasteItem = CostResponse['waste']['items'][number];
type Spend = NonNullable<CostResponse['spend']>;
type Commitment = Spend['savingsPlan'];

function money(n: number, currency = 'USD'): string {
  const sign = currency === 'USD' ? '$' : `${currency} `;
  return `${sign}${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

const WASTE_COLUMNS: ReadonlyArray<Column<WasteItem>> = [
  {
    id: 'monthly',
    header: '$/month',
    width: '8rem',
    cell: (i) => (i.monthly === null ? 'not priced' : money(i.monthly, i.currency)),
  },
  { id: 'kind', header: 'Action', width: '6rem', cell: (i) => i.kind },
  {
    id: 'resource',
    header: 'Resource',
    width: 'minmax(10rem, 1.2fr)',
    cell: (i) => i.resource.name ?? i.resource.id,
  },
  {
    id: 'type',
    header: 'Type',
    width: 'minmax(8rem, 1fr)',
    cell: (i) => i.resource.type.replace(/^AWS::/, ''),
  },
  {
    id: 'where',
    header: 'Account / region',
    width: '11rem',
    cell: (i) => `${i.resource.account} ${i.resource.region}`,
  },
  { id: 'reason', header: 'Reason', width: 'minmax(12rem, 2fr)', cell: (i) => i.reason },
];

export function CostPage({ meta }: { meta: MetaResponse }) {
  const cost = useApi<CostResponse>(pathOf('cost'));
  return (
    <Async loaded={cost} what="the cost answer">
      {(c) => (
        <>
          <section aria-labelledby="waste-h">
            <h2 id="waste-h">Waste</h2>
            <p>
              <strong>{money(c.waste.monthlyTotal, c.waste.currency)}</strong> a month across {c.waste.priced}{' '}
              priced items{c.waste.unpriced ? ` (${c.waste.unpriced} not priced)` : ''}; prices of{' '}
              {c.prices.priceDate}.
            </p>
            {c.waste.items.length === 0 ? (
              <Empty>No idle or orphaned resource found.</Empty>
            ) : (
              <VirtualTable
                label="Waste, most expensive first"
                columns={WASTE_COLUMNS}
                count={c.waste.items.length}
                rowAt={(i) => c.waste.items[i]}
                height="40vh"
              />
            )}
          </section>
          <section aria-labelledby="spend-h">
            <h2 id="spend-h">Spend</h2>
            {c.spend ? (
              <SpendView spend={c.spend} />
            ) : (
              <Empty>
                No spend history is loaded{meta.features.spend ? '' : ''}: start the dashboard with a Cost and
                Usage Report (<code>--cur PATH</code>) to see daily spend, anomalies and RI / Savings Plans
                advice.
              </Empty>
            )}
          </section>
        </>
      )}
    </Async>
  );
}

function SpendView({ spend }: { spend: Spend }) {
  const { x, series } = useMemo(() => {
    const days = spend.anomalies.total.days;
    const x = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const anomalyDays = new Set(spend.anomalies.anomalies.map((a) => a.day));
    const actual = spend.anomalies.total.actual;
    return {
      x,
      series: [
        { label: 'daily spend', colour: '#1d4ed8', values: actual },
        {
          label: 'anomaly',
          colour: '#9b1c1c',
          points: true,
          values: days.map((d, i) => (anomalyDays.has(d) ? (actual[i] ?? null) : null)),
        },
      ],
    };
  }, [spend]);
  return (
    <>
      <p>
        {money(spend.total)} over {spend.from} to {spend.to} ({spend.lineItems.toLocaleString('en-US')} line
        items from {spend.source}).
      </p>
      <Chart
        label={`Daily spend from ${spend.from} to ${spend.to}, ${spend.anomalies.anomalies.length} anomalies marked; listed below`}
        x={x}
        series={series}
        yLabel="USD / day"
      />
      {spend.anomalies.anomalies.length === 0 ? (
        <p className="ok">No anomaly in the recent days.</p>
      ) : (
        <Table
          caption="Anomalies"
          head={['Day', 'Account', 'Service', 'Actual', 'Expected', 'Impact', 'Driven by']}
          rows={spend.anomalies.anomalies.map((a) => [
            a.day,
            a.account,
            a.service,
            money(a.actual),
            money(a.expected),
            `${money(a.impact)}${a.impactPercent === null ? '' : ` (${a.impactPercent.toFixed(0)}%)`}`,
            `${a.drivingUsageType} (${money(a.drivingImpact)})`,
          ])}
        />
      )}
      <h3>Commitments</h3>
      <Table
        caption="Savings Plans and Reserved Instances advice"
        head={['Pool', 'Commit', 'Monthly saving', 'Coverage', 'Utilisation', 'Break-even month']}
        rows={[spend.savingsPlan, ...spend.reservedInstances].map((c: Commitment) => [
          c.pool,
          `${c.commitment.toLocaleString('en-US')} ${c.unit}`,
          money(c.monthlySaving),
          `${c.coverage.toFixed(0)}%`,
          `${c.utilisation.toFixed(0)}%`,
          c.breakEvenMonth ?? 'never',
        ])}
      />
      <p className="small muted">
        Assumes a {spend.assumptions.savingsPlanDiscountPercent}% Savings Plan and{' '}
        {spend.assumptions.reservedInstanceDiscountPercent}% Reserved Instance discount.
      </p>
    </>
  );
}
