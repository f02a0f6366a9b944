/** Out-of-stock notifications by e-mail, through an SMTP server. */
package io.github.cosmicarch.allocation.examples.adapters.email;
