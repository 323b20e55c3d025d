// Diagnostics only (not a request path): Scan therapists' PAIR items in state linked, then check each
// service's link projection by GetItem. Straight against dynalite.
const URL = 'http://127.0.0.1:8000';
const H = (t) => ({ 'X-Amz-Target': `DynamoDB_20120810.${t}`, 'Content-Type': 'application/x-amz-json-1.0',
  'X-Amz-Date': '20260101T000000Z', Authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=' + '0'.repeat(64) });
async function call(t, b) { const r = await fetch(URL, { method: 'POST', headers: H(t), body: JSON.stringify(b) }); const j = await r.json(); if (!r.ok) throw new Error(t + ' ' + JSON.stringify(j)); return j; }
const { TableNames } = await call('ListTables', {});
console.log(TableNames.join(' '));
const T = (n) => TableNames.find((x) => x.endsWith(n));
const pairs = []; let start;
do {
  const p = await call('Scan', { TableName: T('therapists'), FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': { S: 'PAIR#' } }, ...(start ? { ExclusiveStartKey: start } : {}) });
  pairs.push(...p.Items); start = p.LastEvaluatedKey;
} while (start);
const states = {}; for (const i of pairs) states[i.state?.S] = (states[i.state?.S] ?? 0) + 1;
console.log('pairs', pairs.length, states);
let missingMsg = [], missingJournal = [];
for (const i of pairs.filter((i) => i.state?.S === 'linked')) {
  const [, c, t] = i.pk.S.split('#');
  const m = await call('GetItem', { TableName: T('messaging'), Key: { pk: { S: `LINK#${c}#${t}` }, sk: { S: 'LINK' } } });
  if (!m.Item || m.Item.status?.S !== 'LINKED') missingMsg.push({ c, t, item: m.Item ?? null, since: i.since?.S });
  const j = await call('GetItem', { TableName: T('journal'), Key: { pk: { S: `CLIENT#${c}` }, sk: { S: `LINK#${t}` } } });
  if (!j.Item || j.Item.status?.S !== 'LINKED') missingJournal.push({ c, t, item: j.Item ?? null });
}
console.log('messaging missing/not LINKED', missingMsg.length, JSON.stringify(missingMsg.slice(0, 5)));
console.log('journal missing/not LINKED', missingJournal.length, JSON.stringify(missingJournal.slice(0, 5)));
