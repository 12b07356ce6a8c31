import table from './arcep-table.json' with { type: 'json' };
import type { ArcepTable } from './compile-arcep.ts';
import { OperatorLookup } from './operator-lookup.ts';

/** The table compiled from ARCEP's June 2025 open data and committed, so a fresh clone works offline. */
export const ARCEP_OPERATORS = new OperatorLookup(table as unknown as ArcepTable);
