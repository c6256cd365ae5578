package io.stockflow.gateway.web;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The web pages: sign-in, and the home page of a signed-in user (the shop comes with
 * issue #6).
 */
@Controller
class PagesController {

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String home(Principal user, Model model) {
		model.addAttribute("username", user.getName());
		return "home";
	}

}
