// Writes the verb alternation of the TextMate grammar (syntaxes/softness.tmLanguage.json) from the
// statement list (src/core/lang/registry.ts): every verb and its aliases, in registry order.
// Part of `npm run docs`; test/unit/lang/grammar.test.ts fails when the grammar is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { evaluateStatementDocs } from './statementDocsPlugin.mjs';

const GRAMMAR = 'syntaxes/softness.tmLanguage.json';
const docs = JSON.parse(await evaluateStatementDocs());
const verbs = docs.flatMap((doc) => [doc.verb, ...(doc.aliases ?? [])]);
const grammar = JSON.parse(readFileSync(GRAMMAR, 'utf8'));
grammar.repository.statement.match = `\\b(?:${verbs.join('|')})\\b(?!\\s*=)`;
writeFileSync(GRAMMAR, `${JSON.stringify(grammar, null, 2)}\n`);
console.log(`${GRAMMAR}: ${verbs.length} verbs and aliases`);
