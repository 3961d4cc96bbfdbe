/**
 * A host application that brings its own job family ({@code email.send}), embeds the Athena daemon,
 * submits jobs from code and prints their events until every job is done.
 */
package io.athena.example.jobs;
