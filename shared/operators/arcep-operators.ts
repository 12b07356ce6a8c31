import table from './arcep-table.json' with { type: 'json' };
import type { ArcepTable } from './compile-arcep.ts';
import { OperatorLookup } from './operator-lookup.ts';

/** The table compiled from ARCEP's open data (MAJNUM of April 2026) and committed, so a fresh clone works offline. */
export const ARCEP_OPERATORS = new OperatorLookup(table as unknown as ArcepTable);
