// Compares a live database with prisma/schema.prisma (through Prisma's own DMMF) and lists every
// difference: tables, columns (type, nullability, auto-increment, default presence), indexes
// (unique, normal, fulltext) and foreign keys with their actions.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import internals from '@prisma/internals';

export const SCHEMA_FILE = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));

type Query = <T>(sql: string, values?: unknown[]) => Promise<T>;

interface DmmfField {
  name: string;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  dbName?: string | null;
  isRequired: boolean;
  isList: boolean;
  hasDefaultValue: boolean;
  default?: { name?: string } | unknown;
  nativeType?: [string, string[]] | null;
  isUpdatedAt: boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  name?: string | null;
  fields: { name: string }[];
}

function expectedColumnType(field: DmmfField, enums: Map<string, string[]>): string {
  if (field.kind === 'enum')
    return `enum(${enums
      .get(field.type)!
      .map((v) => `'${v}'`)
      .join(',')})`;
  const [native, args] = field.nativeType ?? [undefined, []];
  if (native) {
    const n = native.toLowerCase();
    if (n === 'char' || n === 'varchar') return `${n}(${args[0]})`;
    if (n === 'datetime') return `datetime(${args[0] ?? 0})`;
    return n;
  }
  switch (field.type) {
    case 'String':
      return 'varchar(191)';
    case 'Int':
      return 'int';
    case 'BigInt':
      return 'bigint';
    case 'Boolean':
      return 'tinyint(1)';
    case 'Float':
      return 'double';
    case 'Decimal':
      return 'decimal(65,30)';
    case 'DateTime':
      return 'datetime(3)';
    case 'Json':
      return 'json';
    case 'Bytes':
      return 'longblob';
    default:
      return `unknown(${field.type})`;
  }
}

/** MariaDB writes int(11), MySQL 8 writes int: compare without integer display widths (but keep tinyint(1)). */
function normaliseColumnType(type: string): string {
  const compact = type.replace(/\s+/g, '');
  // lower-case the type name, not enum values
  const t = compact.replace(/^[a-z]+/i, (name) => name.toLowerCase());
  if (/^tinyint\(1\)/.test(t)) return 'tinyint(1)';
  return t.replace(/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, '$1').replace(/unsigned$/, '');
}

const ACTION: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  SetNull: 'SET NULL',
  NoAction: 'NO ACTION',
  SetDefault: 'SET DEFAULT',
};

export async function findDrift(query: Query, schemaFile = SCHEMA_FILE): Promise<string[]> {
  const dmmf = await internals.getDMMF({ datamodel: await readFile(schemaFile, 'utf8') });
  const models = dmmf.datamodel.models as unknown as DmmfModel[];
  const indexes = dmmf.datamodel.indexes as unknown as DmmfIndex[];
  const enums = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.dbName ?? v.name)]));
  const problems: string[] = [];

  const tables = await query<{ name: string }[]>(
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
  );
  const tableNames = new Set(tables.map((t) => t.name));
  const modelTables = new Map(models.map((m) => [m.name, m.dbName ?? m.name]));
  for (const table of tableNames) {
    if (table !== '_prisma_migrations' && ![...modelTables.values()].includes(table)) {
      problems.push(`table ${table}: in the database but not in schema.prisma`);
    }
  }

  for (const model of models) {
    const table = modelTables.get(model.name)!;
    if (!tableNames.has(table)) {
      problems.push(`table ${table}: missing from the database`);
      continue;
    }
    const columnOf = (fieldName: string) => {
      const f = model.fields.find((x) => x.name === fieldName);
      return f?.dbName ?? fieldName;
    };

    // columns
    const columns = await query<{ name: string; type: string; nullable: string; extra: string; def: string | null }[]>(
      'SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, EXTRA AS extra, COLUMN_DEFAULT AS def ' +
        'FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
      [table],
    );
    const byName = new Map(columns.map((c) => [c.name, c]));
    const scalarFields = model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
    for (const field of scalarFields) {
      const column = byName.get(field.dbName ?? field.name);
      const where = `${table}.${field.dbName ?? field.name}`;
      if (!column) {
        problems.push(`column ${where}: missing from the database`);
        continue;
      }
      const expected = expectedColumnType(field, enums);
      const actual = normaliseColumnType(column.type);
      if (normaliseColumnType(expected) !== actual) {
        problems.push(`column ${where}: type is ${actual}, schema.prisma says ${expected}`);
      }
      const nullable = column.nullable === 'YES';
      if (nullable === field.isRequired) {
        problems.push(
          `column ${where}: ${nullable ? 'NULL' : 'NOT NULL'}, schema.prisma says ${field.isRequired ? 'required' : 'optional'}`,
        );
      }
      const autoIncrement = (field.default as { name?: string } | undefined)?.name === 'autoincrement';
      if (autoIncrement !== /auto_increment/i.test(column.extra)) {
        problems.push(`column ${where}: AUTO_INCREMENT is ${!autoIncrement}, schema.prisma says ${autoIncrement}`);
      }
      // MariaDB reports a missing default as NULL, and an explicit NULL default as the string 'NULL'
      const hasDefault = column.def !== null && column.def !== 'NULL';
      const wantsDefault = field.hasDefaultValue && !autoIncrement;
      if (hasDefault !== wantsDefault) {
        problems.push(
          `column ${where}: ${hasDefault ? 'has' : 'has no'} default, schema.prisma ${wantsDefault ? 'gives one' : 'gives none'}`,
        );
      }
    }
    const fieldColumns = new Set(scalarFields.map((f) => f.dbName ?? f.name));
    for (const column of columns) {
      if (!fieldColumns.has(column.name))
        problems.push(`column ${table}.${column.name}: in the database but not in schema.prisma`);
    }

    // indexes
    const stats = await query<{ name: string; col: string; seq: number; nonUnique: number; kind: string }[]>(
      'SELECT INDEX_NAME AS name, COLUMN_NAME AS col, SEQ_IN_INDEX AS seq, NON_UNIQUE AS nonUnique, INDEX_TYPE AS kind ' +
        'FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX',
      [table],
    );
    const actualIndexes = new Map<string, { columns: string[]; kind: string }>();
    for (const s of stats) {
      const entry = actualIndexes.get(s.name) ?? {
        columns: [],
        kind:
          s.name === 'PRIMARY' ? 'id' : s.kind === 'FULLTEXT' ? 'fulltext' : Number(s.nonUnique) ? 'normal' : 'unique',
      };
      entry.columns.push(s.col);
      actualIndexes.set(s.name, entry);
    }
    const expectedIndexes = new Map<string, { columns: string[]; kind: string }>();
    for (const index of indexes.filter((i) => i.model === model.name)) {
      const columnsOf = index.fields.map((f) => columnOf(f.name));
      const name =
        index.type === 'id'
          ? 'PRIMARY'
          : (index.dbName ?? `${table}_${columnsOf.join('_')}_${index.type === 'unique' ? 'key' : 'idx'}`);
      expectedIndexes.set(name, { columns: columnsOf, kind: index.type });
    }
    for (const [name, want] of expectedIndexes) {
      const have = actualIndexes.get(name);
      if (!have) problems.push(`index ${table}.${name}: missing (${want.kind} on ${want.columns.join(', ')})`);
      else if (have.kind !== want.kind || have.columns.join(',') !== want.columns.join(',')) {
        problems.push(
          `index ${table}.${name}: is ${have.kind} on ${have.columns.join(', ')}, schema.prisma says ${want.kind} on ${want.columns.join(', ')}`,
        );
      }
    }
    for (const [name, have] of actualIndexes) {
      if (!expectedIndexes.has(name))
        problems.push(
          `index ${table}.${name}: in the database (${have.kind} on ${have.columns.join(', ')}) but not in schema.prisma`,
        );
    }

    // foreign keys
    const fks = await query<
      { name: string; col: string; refTable: string; refCol: string; onDelete: string; onUpdate: string }[]
    >(
      'SELECT k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col, k.REFERENCED_TABLE_NAME AS refTable, ' +
        'k.REFERENCED_COLUMN_NAME AS refCol, r.DELETE_RULE AS onDelete, r.UPDATE_RULE AS onUpdate ' +
        'FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r ' +
        'ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME ' +
        'WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ? ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION',
      [table],
    );
    const actualFks = new Map<string, string>();
    for (const fk of fks) {
      const prev = actualFks.get(fk.name);
      const cols = prev ? prev.split(' -> ')[0] + `,${fk.col}` : fk.col;
      actualFks.set(fk.name, `${cols} -> ${fk.refTable} ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`);
    }
    const expectedFks = new Map<string, string>();
    for (const field of model.fields.filter((f) => f.kind === 'object' && f.relationFromFields?.length)) {
      const from = field.relationFromFields!.map(columnOf);
      const target = modelTables.get(field.type)!;
      const onDelete = ACTION[field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull')];
      const onUpdate = ACTION[field.relationOnUpdate ?? 'Cascade'];
      expectedFks.set(
        `${table}_${from.join('_')}_fkey`,
        `${from.join(',')} -> ${target} ON DELETE ${onDelete} ON UPDATE ${onUpdate}`,
      );
    }
    for (const [name, want] of expectedFks) {
      const have = actualFks.get(name);
      if (!have) problems.push(`foreign key ${table}.${name}: missing (${want})`);
      else if (have !== want) problems.push(`foreign key ${table}.${name}: is ${have}, schema.prisma says ${want}`);
    }
    for (const [name, have] of actualFks) {
      if (!expectedFks.has(name))
        problems.push(`foreign key ${table}.${name}: in the database (${have}) but not in schema.prisma`);
    }
  }
  return problems;
}
