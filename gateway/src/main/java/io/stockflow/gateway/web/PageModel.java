package io.stockflow.gateway.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header shows: who is signed in, and whether they administer. */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

	@ModelAttribute("signedIn")
	String signedIn(Authentication user) {
		return (user != null && !(user instanceof AnonymousAuthenticationToken)) ? user.getName() : null;
	}

	@ModelAttribute("isAdmin")
	boolean isAdmin(Authentication user) {
		return user != null && user.getAuthorities().stream().anyMatch((a) -> "ROLE_ADMIN".equals(a.getAuthority()));
	}

	/** Whether the health page is there to link to. */
	@ModelAttribute("healthPage")
	boolean healthPage() {
		return true;
	}

}
