package io.stockflow.gateway.web;

import jakarta.validation.Validator;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.stockflow.gateway.identity.AccountManagement;
import io.stockflow.gateway.identity.Registration;

/**
 * Sign-in and registration pages. Registration checks the API's rules and shows each
 * error next to its field; a new account then signs in on the sign-in page.
 */
@Controller
class PagesController {

	private final AccountManagement accounts;

	private final Validator validator;

	PagesController(AccountManagement accounts, Validator validator) {
		this.accounts = accounts;
		this.validator = validator;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/register")
	String registerForm() {
		return "register";
	}

	@PostMapping("/register")
	String register(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String confirm, Model model, RedirectAttributes redirect) {
		FormErrors errors = new FormErrors().validate(this.validator, new Registration(username.trim(), password));
		if (errors.byField().containsKey("username")) {
			errors.byField().put("username", "use 3 to 32 letters, digits, dots, dashes or underscores");
		}
		if (errors.byField().containsKey("password")) {
			errors.byField().put("password", "use 8 to 128 characters");
		}
		if (!password.equals(confirm)) {
			errors.reject("confirm", "does not match the password");
		}
		if (errors.isEmpty()) {
			try {
				this.accounts.register(username.trim(), password);
				redirect.addFlashAttribute("registered", username.trim());
				return "redirect:/login";
			}
			catch (ResponseStatusException ex) {
				errors.reject("username", "is taken; choose another");
			}
		}
		model.addAttribute("username", username);
		model.addAttribute("errors", errors.byField());
		return "register";
	}

}
