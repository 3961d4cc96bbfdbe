/** JSON plumbing shared by every route: the one configured mapper and the response envelopes. */
package io.athena.core.json;
