/**
 * Details several core packages share; not part of Athena's API and free to change in any release.
 */
package io.athena.core.internal;
