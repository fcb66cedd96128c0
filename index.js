// n8n loads the node and credential through the "n8n" block of package.json; this entry point
// only exists so that `require('n8n-nodes-sortedpro')` resolves to something meaningful.
module.exports = {};
