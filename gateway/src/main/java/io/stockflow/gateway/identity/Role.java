package io.stockflow.gateway.identity;

/** What a user may do: shop, or also administer inventory. */
public enum Role {

	CUSTOMER, ADMIN

}
